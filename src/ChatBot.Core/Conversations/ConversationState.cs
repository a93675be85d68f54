namespace ChatBot.Core.Conversations;

/// <summary>Who spoke a conversation turn.</summary>
public enum TurnSpeaker
{
    Person = 1,
    Bot = 2,
}

/// <summary>One remembered turn of a conversation.</summary>
/// <param name="RecommendedMovieIds">Movies the bot recommended in this turn; empty for the person's turns.</param>
public sealed record ConversationTurn(TurnSpeaker Speaker, string Text, DateTimeOffset At, IReadOnlyList<int> RecommendedMovieIds);

/// <summary>What the bot is waiting for the person to answer.</summary>
public enum PendingKind
{
    /// <summary>The person must pick one of several movies for a command ("which Dune?").</summary>
    ChooseMovie = 1,

    /// <summary>The person must confirm /forget.</summary>
    ConfirmForget = 2,

    /// <summary>The bot offered to save ratings the person stated in conversation.</summary>
    ConfirmRatings = 3,
}

/// <summary>A question the bot asked and the answer it expects.</summary>
/// <param name="Command">For <see cref="PendingKind.ChooseMovie"/>: the command the choice completes ("rate", "unrate", "similar").</param>
/// <param name="MovieIds">The movies offered, in the order shown.</param>
/// <param name="HalfStars">Per offered movie, the half stars to store, or 0 when the command has none.</param>
public sealed record PendingQuestion(
    PendingKind Kind,
    string? Command,
    IReadOnlyList<int> MovieIds,
    IReadOnlyList<int> HalfStars,
    DateTimeOffset ExpiresAt);

/// <summary>The remembered state of one person's conversation in one chat.</summary>
public sealed record ConversationState(
    long PersonId,
    string ConversationKey,
    IReadOnlyList<ConversationTurn> Turns,
    IReadOnlyList<int> LastListedMovieIds,
    PendingQuestion? Pending,
    DateTimeOffset UpdatedAt)
{
    public static ConversationState Empty(long personId, string conversationKey) =>
        new(personId, conversationKey, [], [], null, DateTimeOffset.MinValue);
}

/// <summary>Bounded, stored conversation memory.</summary>
public interface IConversationStore
{
    ConversationState Load(long personId, string conversationKey);

    void Save(ConversationState state);

    /// <summary>Deletes every conversation of the person.</summary>
    void DeleteAll(long personId);
}
