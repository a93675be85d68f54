using ChatBot.Conversations.Localization;
using ChatBot.Core.Conversations;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;

namespace ChatBot.Conversations;

/// <summary>Everything known while one message is handled; handlers update <see cref="State"/> and the service saves it.</summary>
public sealed class ConversationContext
{
    public ConversationContext(IncomingMessage message, PlatformIdentity identity, Person person, BotText text, ConversationState state, DateTimeOffset now)
    {
        Message = message;
        Identity = identity;
        Person = person;
        Text = text;
        State = state;
        Now = now;
    }

    public IncomingMessage Message { get; }

    public PlatformIdentity Identity { get; }

    public Person Person { get; set; }

    /// <summary>Gets or sets the messages in the language of this reply.</summary>
    public BotText Text { get; set; }

    public ConversationState State { get; set; }

    public DateTimeOffset Now { get; }

    /// <summary>Gets or sets a value indicating whether the person was deleted while handling; the state is then not saved.</summary>
    public bool PersonForgotten { get; set; }

    /// <summary>Gets the movies the reply recommended, remembered with the bot's turn.</summary>
    public List<int> RecommendedMovieIds { get; } = [];
}
