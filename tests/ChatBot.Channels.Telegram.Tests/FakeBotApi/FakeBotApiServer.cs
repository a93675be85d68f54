using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests.FakeBotApi;

/// <summary>
/// A Bot API server on 127.0.0.1 for tests. It implements the methods the channel uses as the Bot
/// API documents them: getUpdates with offset confirmation, long-poll timeout, limit and
/// allowed_updates (kept until changed), 409 for a second poller or an active webhook; sendMessage
/// with HTML parsing, the 4,096-character limit and callback_data of 1-64 bytes; errors as
/// {ok:false, error_code, description, parameters.retry_after}. Tests play the users and Telegram's
/// webhook delivery, inject errors and wait for what the bot sent.
/// </summary>
public sealed partial class FakeBotApiServer : IAsyncDisposable
{
    private static readonly string[] DefaultUpdateTypes = ["message", "edited_message", "channel_post", "edited_channel_post", "callback_query", "my_chat_member", "inline_query"];

    private readonly object _gate = new();
    private readonly WebApplication _app;
    private readonly List<JsonObject> _pending = [];
    private readonly List<RecordedCall> _calls = [];
    private readonly List<SentMessage> _sent = [];
    private readonly List<CallbackAnswer> _answers = [];
    private readonly Dictionary<string, bool> _callbackQueries = [];
    private readonly Dictionary<long, JsonObject> _chats = [];
    private readonly Dictionary<long, int> _nextMessageId = [];
    private readonly Dictionary<string, JsonArray> _commands = [];
    private readonly HashSet<long> _blockedChats = [];
    private readonly List<InjectedFault> _faults = [];
    private HashSet<string>? _allowedUpdates;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _activePoll;
    private int _nextUpdateId;

    private FakeBotApiServer(string token, long botId, string botUsername, int firstUpdateId)
    {
        Token = token;
        BotId = botId;
        BotUsername = botUsername;
        _nextUpdateId = firstUpdateId;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleRequestAsync);
    }

    public string Token { get; }

    public long BotId { get; }

    public string BotUsername { get; }

    /// <summary>Gets the server's base URL, for Telegram:ApiBaseUrl.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>Gets the webhook URL registered with setWebhook, or null.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>Gets the secret token registered with setWebhook, or null.</summary>
    public string? WebhookSecretToken { get; private set; }

    public static async Task<FakeBotApiServer> StartAsync(
        string token = "7000000001:AAFakeTokenForTestsOnly_abcdefghijklmnop",
        string botUsername = "MovieNightBot",
        int firstUpdateId = 5000)
    {
        var botId = long.Parse(token[..token.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        var server = new FakeBotApiServer(token, botId, botUsername, firstUpdateId);
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Returns every call received so far, optionally of one method.</summary>
    public IReadOnlyList<RecordedCall> Calls(string? method = null)
    {
        lock (_gate)
        {
            return [.. _calls.Where(call => method is null || call.Method == method)];
        }
    }

    /// <summary>Returns the messages the bot sent so far, optionally to one chat.</summary>
    public IReadOnlyList<SentMessage> SentMessages(long? chatId = null)
    {
        lock (_gate)
        {
            return [.. _sent.Where(message => chatId is null || message.ChatId == chatId)];
        }
    }

    public IReadOnlyList<CallbackAnswer> CallbackAnswers()
    {
        lock (_gate)
        {
            return [.. _answers];
        }
    }

    /// <summary>Returns the commands registered for a language code ("" for the default).</summary>
    public JsonArray? RegisteredCommands(string languageCode)
    {
        lock (_gate)
        {
            return _commands.TryGetValue(languageCode, out var commands) ? commands : null;
        }
    }

    /// <summary>Gets the number of updates not yet confirmed by a getUpdates offset.</summary>
    public int PendingUpdateCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="method"/> fail with the given error.</summary>
    public void InjectError(string method, int errorCode, string description, int? retryAfter = null, int times = 1, long? migrateToChatId = null, Func<JsonObject, bool>? when = null)
    {
        lock (_gate)
        {
            _faults.Add(new InjectedFault
            {
                Method = method,
                ErrorCode = errorCode,
                Description = description,
                RetryAfter = retryAfter,
                MigrateToChatId = migrateToChatId,
                When = when,
                Remaining = times,
            });
        }
    }

    /// <summary>Removes every injected error that has not fired yet.</summary>
    public void ClearErrors()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Makes sends to the user's chat fail with 403, as after the user blocked the bot.</summary>
    public void BlockBot(TestUser user)
    {
        lock (_gate)
        {
            _blockedChats.Add(user.Id);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking it whenever the server's state changes.</summary>
    public async Task WaitUntilAsync(Func<FakeBotApiServer, bool> condition, string description, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var recent = string.Join('\n', Calls().TakeLast(15).Select(call => $"  {call.Method} -> {call.StatusCode} {call.Parameters.ToJsonString()}"));
                throw new TimeoutException($"Timed out waiting until {description}. Last calls:\n{recent}");
            }
        }
    }

    /// <summary>Waits until the bot has sent at least <paramref name="count"/> messages to the chat and returns them.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForMessagesAsync(long chatId, int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(server => server.SentMessages(chatId).Count >= count, $"{count} messages reached chat {chatId}", timeout);
        return SentMessages(chatId);
    }

    public async Task<CallbackAnswer> WaitForCallbackAnswerAsync(string callbackQueryId, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(server => server.CallbackAnswers().Any(a => a.CallbackQueryId == callbackQueryId), $"button press {callbackQueryId} was answered", timeout);
        return CallbackAnswers().First(a => a.CallbackQueryId == callbackQueryId);
    }

    private void SignalChanged()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var match = RoutePattern().Match(context.Request.Path.Value ?? string.Empty);
        if (!match.Success)
        {
            await WriteErrorAsync(context, 404, "Not Found");
            return;
        }

        if (match.Groups["token"].Value != Token)
        {
            await WriteErrorAsync(context, 401, "Unauthorized");
            return;
        }

        var method = match.Groups["method"].Value;
        var parameters = await ReadParametersAsync(context.Request);
        var (status, body) = await DispatchAsync(method, parameters, context.RequestAborted);
        lock (_gate)
        {
            _calls.Add(new RecordedCall(method, parameters, DateTimeOffset.UtcNow, status));
            SignalChanged();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), CancellationToken.None);
    }

    private async Task<(int Status, JsonObject Body)> DispatchAsync(string method, JsonObject parameters, CancellationToken aborted)
    {
        if (TakeFault(method, parameters) is { } fault)
        {
            return Error(fault.ErrorCode, fault.Description, fault.RetryAfter, fault.MigrateToChatId);
        }

        return method.ToLowerInvariant() switch
        {
            "getme" => Ok(BotUserJson()),
            "getupdates" => await GetUpdatesAsync(parameters, aborted),
            "sendmessage" => SendMessage(parameters),
            "answercallbackquery" => AnswerCallbackQuery(parameters),
            "setmycommands" => SetMyCommands(parameters),
            "deletewebhook" => DeleteWebhook(parameters),
            "setwebhook" => SetWebhook(parameters),
            "getwebhookinfo" => GetWebhookInfo(),
            _ => Error(404, "Not Found: method not found"),
        };
    }

    private InjectedFault? TakeFault(string method, JsonObject parameters)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase) && f.Remaining > 0 && (f.When is null || f.When(parameters)));
            if (fault is not null)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private async Task<(int, JsonObject)> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        var offset = GetInt(parameters, "offset") ?? 0;
        var limit = Math.Clamp(GetInt(parameters, "limit") ?? 100, 1, 100);
        var timeout = Math.Max(GetInt(parameters, "timeout") ?? 0, 0);
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        lock (_gate)
        {
            if (WebhookUrl is not null)
            {
                return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            // A newer getUpdates request ends the one still waiting, which then reports the conflict.
            _activePoll?.Cancel();
            _activePoll = poll;
            if (parameters["allowed_updates"] is JsonArray allowed)
            {
                _allowedUpdates = allowed.Count == 0 ? null : [.. allowed.Select(node => node!.GetValue<string>())];
            }

            if (offset > 0)
            {
                _pending.RemoveAll(update => UpdateId(update) < offset);
            }
            else if (offset < 0 && _pending.Count > -offset)
            {
                _pending.RemoveRange(0, _pending.Count + offset);
            }

            SignalChanged();
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    _pending.RemoveAll(update => !IsAllowed(update));
                    var batch = _pending.Take(limit).Select(update => (JsonNode)update.DeepClone()).ToArray();
                    if (batch.Length > 0 || DateTimeOffset.UtcNow >= deadline)
                    {
                        return Ok(new JsonArray(batch));
                    }

                    changed = _changed.Task;
                }

                var remaining = deadline - DateTimeOffset.UtcNow;
                if (remaining > TimeSpan.Zero)
                {
                    await Task.WhenAny(changed, Task.Delay(remaining, poll.Token));
                }

                if (poll.IsCancellationRequested)
                {
                    return aborted.IsCancellationRequested
                        ? Error(499, "Client closed request")
                        : Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_activePoll == poll)
                {
                    _activePoll = null;
                }
            }
        }
    }

    private (int, JsonObject) SendMessage(JsonObject parameters)
    {
        if (GetLong(parameters, "chat_id") is not { } chatId)
        {
            return Error(400, "Bad Request: chat_id is empty");
        }

        var rawText = parameters["text"]?.GetValue<string>() ?? string.Empty;
        var parseMode = parameters["parse_mode"]?.GetValue<string>();
        string? text;
        // The Bot API compares parse_mode case-insensitively; Telegram.Bot sends "Html".
        switch (parseMode?.ToUpperInvariant())
        {
            case null or "":
                text = rawText;
                break;
            case "HTML":
                text = TelegramHtml.Parse(rawText, out var error);
                if (text is null)
                {
                    return Error(400, $"Bad Request: can't parse entities: {error}");
                }

                break;
            default:
                return Error(400, $"Bad Request: unsupported parse_mode {parseMode}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Error(400, "Bad Request: message text is empty");
        }

        if (text.Length > 4096)
        {
            return Error(400, "Bad Request: message is too long");
        }

        if (!TryReadKeyboard(parameters["reply_markup"], out var keyboard, out var keyboardError))
        {
            return Error(400, keyboardError!);
        }

        lock (_gate)
        {
            if (!_chats.TryGetValue(chatId, out var chat))
            {
                return Error(400, "Bad Request: chat not found");
            }

            if (_blockedChats.Contains(chatId))
            {
                return Error(403, "Forbidden: bot was blocked by the user");
            }

            var messageId = NextMessageId(chatId);
            var sent = new SentMessage(chatId, messageId, text, rawText, parseMode, keyboard, DateTimeOffset.UtcNow);
            _sent.Add(sent);
            SignalChanged();
            var message = new JsonObject
            {
                ["message_id"] = messageId,
                ["from"] = BotUserJson(),
                ["chat"] = chat.DeepClone(),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["text"] = text,
            };
            if (parameters["reply_markup"] is JsonObject markup)
            {
                message["reply_markup"] = markup.DeepClone();
            }

            return Ok(message);
        }
    }

    private static bool TryReadKeyboard(JsonNode? markup, out IReadOnlyList<IReadOnlyList<SentButton>> keyboard, out string? error)
    {
        keyboard = [];
        error = null;
        if (markup is null)
        {
            return true;
        }

        if (markup is not JsonObject { } markupObject || markupObject["inline_keyboard"] is not JsonArray rows)
        {
            error = "Bad Request: can't parse reply keyboard markup JSON object";
            return false;
        }

        var result = new List<IReadOnlyList<SentButton>>();
        foreach (var row in rows)
        {
            if (row is not JsonArray buttons)
            {
                error = "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object";
                return false;
            }

            var parsed = new List<SentButton>();
            foreach (var button in buttons)
            {
                var label = button?["text"]?.GetValue<string>();
                var data = button?["callback_data"]?.GetValue<string>();
                if (string.IsNullOrEmpty(label))
                {
                    error = "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
                    return false;
                }

                if (data is null || data.Length == 0 || Encoding.UTF8.GetByteCount(data) > 64)
                {
                    error = "Bad Request: BUTTON_DATA_INVALID";
                    return false;
                }

                parsed.Add(new SentButton(label, data));
            }

            result.Add(parsed);
        }

        keyboard = result;
        return true;
    }

    private (int, JsonObject) AnswerCallbackQuery(JsonObject parameters)
    {
        var id = parameters["callback_query_id"]?.GetValue<string>();
        var text = parameters["text"]?.GetValue<string>();
        lock (_gate)
        {
            if (id is null || !_callbackQueries.TryGetValue(id, out var answered) || answered)
            {
                return Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
            }

            if (text is { Length: > 200 })
            {
                return Error(400, "Bad Request: MESSAGE_TOO_LONG");
            }

            _callbackQueries[id] = true;
            _answers.Add(new CallbackAnswer(id, text, DateTimeOffset.UtcNow));
            SignalChanged();
            return Ok(true);
        }
    }

    private (int, JsonObject) SetMyCommands(JsonObject parameters)
    {
        if (parameters["commands"] is not JsonArray commands || commands.Count > 100)
        {
            return Error(400, "Bad Request: commands must be an array of at most 100 BotCommand");
        }

        foreach (var command in commands)
        {
            var name = command?["command"]?.GetValue<string>() ?? string.Empty;
            var description = command?["description"]?.GetValue<string>() ?? string.Empty;
            if (!CommandPattern().IsMatch(name))
            {
                return Error(400, "Bad Request: BOT_COMMAND_INVALID");
            }

            if (description.Length is < 1 or > 256)
            {
                return Error(400, "Bad Request: command description must be 1-256 characters long");
            }
        }

        var scope = parameters["scope"]?["type"]?.GetValue<string>() ?? "default";
        if (scope != "default")
        {
            return Error(400, $"Bad Request: the fake server stores only the default scope, not {scope}");
        }

        var language = parameters["language_code"]?.GetValue<string>() ?? string.Empty;
        if (language.Length != 0 && language.Length != 2)
        {
            return Error(400, "Bad Request: language_code must be a two-letter ISO 639-1 code or empty");
        }

        lock (_gate)
        {
            _commands[language] = (JsonArray)commands.DeepClone();
            SignalChanged();
        }

        return Ok(true);
    }

    private (int, JsonObject) DeleteWebhook(JsonObject parameters)
    {
        lock (_gate)
        {
            WebhookUrl = null;
            WebhookSecretToken = null;
            if (parameters["drop_pending_updates"]?.GetValue<bool>() == true)
            {
                _pending.Clear();
            }

            SignalChanged();
        }

        return Ok(true);
    }

    private (int, JsonObject) SetWebhook(JsonObject parameters)
    {
        var url = parameters["url"]?.GetValue<string>() ?? string.Empty;
        var secret = parameters["secret_token"]?.GetValue<string>();
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            return Error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (secret is not null && !SecretPattern().IsMatch(secret))
        {
            return Error(400, "Bad Request: secret token contains unallowed characters");
        }

        lock (_gate)
        {
            WebhookUrl = url.Length == 0 ? null : url;
            WebhookSecretToken = secret;
            if (parameters["allowed_updates"] is JsonArray allowed)
            {
                _allowedUpdates = allowed.Count == 0 ? null : [.. allowed.Select(node => node!.GetValue<string>())];
            }

            if (parameters["drop_pending_updates"]?.GetValue<bool>() == true)
            {
                _pending.Clear();
            }

            SignalChanged();
        }

        return Ok(true);
    }

    private (int, JsonObject) GetWebhookInfo()
    {
        lock (_gate)
        {
            return Ok(new JsonObject
            {
                ["url"] = WebhookUrl ?? string.Empty,
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _pending.Count,
            });
        }
    }

    private bool IsAllowed(JsonObject update)
    {
        var allowed = _allowedUpdates ?? [.. DefaultUpdateTypes];
        return update.Select(pair => pair.Key).Any(key => key != "update_id" && allowed.Contains(key));
    }

    private int NextMessageId(long chatId)
    {
        var id = _nextMessageId.GetValueOrDefault(chatId, 1);
        _nextMessageId[chatId] = id + 1;
        return id;
    }

    private JsonObject BotUserJson() => new()
    {
        ["id"] = BotId,
        ["is_bot"] = true,
        ["first_name"] = "Movie Night",
        ["username"] = BotUsername,
        ["can_join_groups"] = true,
        ["can_read_all_group_messages"] = false,
        ["supports_inline_queries"] = false,
    };

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = ParseScalar(value.ToString());
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = ParseScalar(value.ToString());
            }
        }
        else if (request.ContentLength != 0)
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (!string.IsNullOrWhiteSpace(body) && JsonNode.Parse(body) is JsonObject json)
            {
                foreach (var (key, value) in json)
                {
                    parameters[key] = value?.DeepClone();
                }
            }
        }

        return parameters;
    }

    // Form and query values are strings; JSON-looking ones (numbers, arrays, objects) are parsed as
    // the Bot API does for those parameters.
    private static JsonNode? ParseScalar(string value)
    {
        try
        {
            return value.Length > 0 && (char.IsDigit(value[0]) || value[0] is '-' or '[' or '{') ? JsonNode.Parse(value) : JsonValue.Create(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    private static int? GetInt(JsonObject parameters, string name) => parameters[name] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static long? GetLong(JsonObject parameters, string name) => parameters[name] switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static int UpdateId(JsonObject update) => update["update_id"]!.GetValue<int>();

    private static (int, JsonObject) Ok(JsonNode result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int, JsonObject) Ok(bool result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int, JsonObject) Error(int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = errorCode, ["description"] = description };
        if (retryAfter is not null || migrateToChatId is not null)
        {
            var parameters = new JsonObject();
            if (retryAfter is not null)
            {
                parameters["retry_after"] = retryAfter;
            }

            if (migrateToChatId is not null)
            {
                parameters["migrate_to_chat_id"] = migrateToChatId;
            }

            body["parameters"] = parameters;
        }

        return (errorCode, body);
    }

    private static Task WriteErrorAsync(HttpContext context, int errorCode, string description)
    {
        context.Response.StatusCode = errorCode;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Error(errorCode, description).Item2.ToJsonString());
    }

    [GeneratedRegex("^/bot(?<token>[^/]+)/(?<method>[A-Za-z]+)$")]
    private static partial Regex RoutePattern();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
