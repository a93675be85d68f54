using ChatBot.Channels.Telegram.Receiving;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class UpdateConverterTests
{
    private static readonly BotIdentity Bot = new(7000000001, "MovieNightBot");

    [Fact]
    public void FromMessage_PrivateText_FillsIdentityLocaleAndText()
    {
        var message = TextMessage("I loved Heat", ChatType.Private, chatId: 42);

        var incoming = UpdateConverter.FromMessage(message, Bot)!;

        Assert.Equal("telegram", incoming.Platform);
        Assert.Equal("42", incoming.PlatformUserId);
        Assert.Equal("42", incoming.ConversationId);
        Assert.Equal("zh-hans", incoming.Locale);
        Assert.Equal("I loved Heat", incoming.Text);
        Assert.Null(incoming.Command);
        Assert.Equal("77", incoming.MessageId);
    }

    [Theory]
    [InlineData("/rate Heat 4.5", "rate", "Heat 4.5")]
    [InlineData("/Rate@MovieNightBot   Heat 4.5  ", "rate", "Heat 4.5")]
    [InlineData("/recommend@movienightbot", "recommend", "")]
    [InlineData("/start deep-link-payload", "start", "deep-link-payload")]
    public void FromMessage_Command_ParsesNameAndArguments(string text, string name, string arguments)
    {
        var incoming = UpdateConverter.FromMessage(TextMessage(text, ChatType.Private), Bot)!;

        Assert.Equal(name, incoming.Command!.Name);
        Assert.Equal(arguments, incoming.Command.Arguments);
        Assert.Equal(text, incoming.Text);
    }

    [Theory]
    [InlineData(ChatType.Private)]
    [InlineData(ChatType.Group)]
    public void FromMessage_CommandForAnotherBot_IsIgnored(ChatType chatType)
    {
        Assert.Null(UpdateConverter.FromMessage(TextMessage("/rate@OtherBot Heat 5", chatType), Bot));
    }

    [Fact]
    public void FromMessage_GroupTextNotAddressedToBot_IsIgnored()
    {
        Assert.Null(UpdateConverter.FromMessage(TextMessage("what should we watch?", ChatType.Supergroup), Bot));
    }

    [Fact]
    public void FromMessage_GroupTextMentioningBot_KeepsTextWithoutMention()
    {
        var incoming = UpdateConverter.FromMessage(TextMessage("hey @MovieNightBot something like Alien?", ChatType.Group), Bot)!;

        Assert.Equal("hey something like Alien?", incoming.Text);
        Assert.Equal("-100", incoming.ConversationId);
    }

    [Fact]
    public void FromMessage_GroupReplyToBot_IsAccepted()
    {
        var message = TextMessage("and for kids?", ChatType.Group);
        message.ReplyToMessage = new Message { Id = 5, From = new User { Id = Bot.Id, IsBot = true, FirstName = "Bot" }, Chat = message.Chat };

        Assert.Equal("and for kids?", UpdateConverter.FromMessage(message, Bot)!.Text);
    }

    [Fact]
    public void FromMessage_GroupBareCommand_IsAccepted()
    {
        Assert.Equal("ratings", UpdateConverter.FromMessage(TextMessage("/ratings", ChatType.Group), Bot)!.Command!.Name);
    }

    [Fact]
    public void FromMessage_FromAnotherBotOrWithoutText_IsIgnored()
    {
        var fromBot = TextMessage("hello", ChatType.Private);
        fromBot.From!.IsBot = true;
        var photo = TextMessage("x", ChatType.Private);
        photo.Text = null;

        Assert.Null(UpdateConverter.FromMessage(fromBot, Bot));
        Assert.Null(UpdateConverter.FromMessage(photo, Bot));
    }

    [Fact]
    public void FromCallback_ButtonPress_CarriesPayloadAndChat()
    {
        var query = new CallbackQuery
        {
            Id = "q1",
            From = new User { Id = 42, FirstName = "Alice", LanguageCode = "en" },
            Message = new Message { Id = 9, Chat = new Chat { Id = -100, Type = ChatType.Group } },
            Data = "rate:6:8",
            ChatInstance = "1",
        };

        var incoming = UpdateConverter.FromCallback(query);

        Assert.Equal("rate:6:8", incoming.ActionPayload);
        Assert.Equal("42", incoming.PlatformUserId);
        Assert.Equal("-100", incoming.ConversationId);
        Assert.Equal("en", incoming.Locale);
    }

    private static Message TextMessage(string text, ChatType chatType, long chatId = -100)
    {
        var chat = chatType == ChatType.Private ? new Chat { Id = chatId, Type = chatType } : new Chat { Id = chatId, Type = chatType, Title = "Movie club" };
        var entities = new List<MessageEntity>();
        if (text.StartsWith('/'))
        {
            entities.Add(new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.IndexOf(' ') is var space and > 0 ? space : text.Length });
        }

        var at = text.IndexOf("@MovieNightBot ", StringComparison.Ordinal);
        if (at > 0)
        {
            entities.Add(new MessageEntity { Type = MessageEntityType.Mention, Offset = at, Length = "@MovieNightBot".Length });
        }

        return new Message
        {
            Id = 77,
            From = new User { Id = 42, FirstName = "Alice", LanguageCode = "zh-hans" },
            Chat = chat,
            Text = text,
            Entities = [.. entities],
        };
    }
}
