using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Channels.Telegram.Tests.FakeBotApi;

/// <summary>The simulated users' side: what they write and press becomes updates, as Telegram would create them.</summary>
public sealed partial class FakeBotApiServer
{
    private int _nextUserMessageId = 100_000;

    /// <summary>Queues a text message from <paramref name="user"/> in their private chat, or in <paramref name="group"/>.</summary>
    /// <returns>The update id.</returns>
    public int SendText(TestUser user, string text, TestGroup? group = null, int? replyToBotMessageId = null)
    {
        lock (_gate)
        {
            var chat = group is null ? PrivateChatJson(user) : GroupChatJson(group);
            var message = NewMessage(user, chat);
            message["text"] = text;
            var entities = Entities(text);
            if (entities.Count > 0)
            {
                message["entities"] = entities;
            }

            if (replyToBotMessageId is { } replyTo)
            {
                message["reply_to_message"] = new JsonObject
                {
                    ["message_id"] = replyTo,
                    ["from"] = BotUserJson(),
                    ["chat"] = chat.DeepClone(),
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["text"] = "(an earlier message of the bot)",
                };
            }

            return AddUpdate("message", message);
        }
    }

    /// <summary>Makes the user's private chat known, as when updates from it reach the bot another way (a webhook).</summary>
    public void RegisterPrivateChat(TestUser user)
    {
        lock (_gate)
        {
            PrivateChatJson(user);
        }
    }

    /// <summary>Queues a photo without caption from the user, a message that has no text.</summary>
    public int SendPhoto(TestUser user)
    {
        lock (_gate)
        {
            var message = NewMessage(user, PrivateChatJson(user));
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgAD-photo", ["file_unique_id"] = "photo1", ["width"] = 90, ["height"] = 90 });
            return AddUpdate("message", message);
        }
    }

    /// <summary>Queues a button press on a message the bot sent; any data may be given, as a modified client could.</summary>
    /// <returns>The update id and the callback query id.</returns>
    public (int UpdateId, string CallbackQueryId) PressButton(TestUser user, SentMessage message, string callbackData)
    {
        lock (_gate)
        {
            var queryId = Guid.NewGuid().ToString("N")[..16];
            _callbackQueries[queryId] = false;
            var query = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = UserJson(user),
                ["message"] = new JsonObject
                {
                    ["message_id"] = message.MessageId,
                    ["from"] = BotUserJson(),
                    ["chat"] = _chats[message.ChatId].DeepClone(),
                    ["date"] = message.At.ToUnixTimeSeconds(),
                    ["text"] = message.Text,
                },
                ["chat_instance"] = "8428209589180549439",
                ["data"] = callbackData,
            };
            return (AddUpdate("callback_query", query), queryId);
        }
    }

    /// <summary>Queues the my_chat_member update Telegram sends when the user blocks ("kicked") or unblocks ("member") the bot.</summary>
    public int ChangeBotMembership(TestUser user, string newStatus)
    {
        lock (_gate)
        {
            var update = new JsonObject
            {
                ["chat"] = PrivateChatJson(user),
                ["from"] = UserJson(user),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["old_chat_member"] = new JsonObject { ["status"] = newStatus == "kicked" ? "member" : "kicked", ["user"] = BotUserJson() },
                ["new_chat_member"] = new JsonObject { ["status"] = newStatus, ["user"] = BotUserJson() },
            };
            if (newStatus == "kicked")
            {
                _blockedChats.Add(user.Id);
            }
            else
            {
                _blockedChats.Remove(user.Id);
            }

            return AddUpdate("my_chat_member", update);
        }
    }

    /// <summary>
    /// Plays Telegram's webhook delivery: posts every pending update to <paramref name="listenerBase"/>
    /// plus the registered webhook URL's path, with the registered secret, and drops it once the
    /// bot responds with 2xx. Returns the status codes in order.
    /// </summary>
    public async Task<IReadOnlyList<int>> DeliverWebhookUpdatesAsync(Uri listenerBase, CancellationToken cancellationToken = default)
    {
        string url;
        string? secret;
        List<JsonObject> updates;
        lock (_gate)
        {
            if (WebhookUrl is null)
            {
                throw new InvalidOperationException("No webhook is registered.");
            }

            url = new Uri(listenerBase, new Uri(WebhookUrl).AbsolutePath).ToString();
            secret = WebhookSecretToken;
            _pending.RemoveAll(update => !IsAllowed(update));
            updates = [.. _pending];
        }

        var statuses = new List<int>();
        using var http = new HttpClient();
        foreach (var update in updates)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(update.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            if (secret is not null)
            {
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                lock (_gate)
                {
                    _pending.Remove(update);
                }
            }
        }

        return statuses;
    }

    private int AddUpdate(string kind, JsonObject payload)
    {
        var id = _nextUpdateId++;
        _pending.Add(new JsonObject { ["update_id"] = id, [kind] = payload });
        SignalChanged();
        return id;
    }

    private JsonObject NewMessage(TestUser user, JsonObject chat) => new()
    {
        ["message_id"] = _nextUserMessageId++,
        ["from"] = UserJson(user),
        ["chat"] = chat,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    private JsonObject PrivateChatJson(TestUser user)
    {
        var chat = new JsonObject { ["id"] = user.Id, ["type"] = "private", ["first_name"] = user.FirstName };
        if (user.Username is not null)
        {
            chat["username"] = user.Username;
        }

        _chats[user.Id] = chat;
        return (JsonObject)chat.DeepClone();
    }

    private JsonObject GroupChatJson(TestGroup group)
    {
        var chat = new JsonObject { ["id"] = group.Id, ["type"] = "group", ["title"] = group.Title };
        _chats[group.Id] = chat;
        return (JsonObject)chat.DeepClone();
    }

    private static JsonObject UserJson(TestUser user)
    {
        var json = new JsonObject { ["id"] = user.Id, ["is_bot"] = false, ["first_name"] = user.FirstName };
        if (user.Username is not null)
        {
            json["username"] = user.Username;
        }

        if (user.LanguageCode is not null)
        {
            json["language_code"] = user.LanguageCode;
        }

        return json;
    }

    /// <summary>
    /// Finds the entities Telegram marks in plain text: a leading bot_command ("/rate" or
    /// "/rate@SomeBot") and @username mentions. Offsets and lengths are in UTF-16 code units.
    /// </summary>
    private static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        if (text.StartsWith('/'))
        {
            var length = 1;
            while (length < text.Length && (char.IsAsciiLetterOrDigit(text[length]) || text[length] is '_' or '@'))
            {
                length++;
            }

            if (length > 1)
            {
                entities.Add(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || (i > 0 && !char.IsWhiteSpace(text[i - 1])))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            if (end - i > 5)
            {
                entities.Add(new JsonObject { ["type"] = "mention", ["offset"] = i, ["length"] = end - i });
            }
        }

        return entities;
    }
}
