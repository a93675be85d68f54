namespace ChatBot.Conversations.Ranking;

/// <summary>
/// What human recommenders suggested in training dialogues: how often each movie was suggested, and which
/// movies were suggested after a given movie had been named. Optionally also how often each movie was named
/// in a larger dialogue collection (ReDial's movies_with_mentions.csv counts every dialogue of the full set).
/// Keys are catalog movie ids.
/// </summary>
public sealed class DialogueStatistics
{
    /// <summary>Suggestions per 100 dialogues, the unit of the prior feature, so its scale does not depend on the training set's size.</summary>
    private const double PerDialogues = 100;

    /// <summary>Pseudo-count added to a named movie's total, so a movie named once does not predict its follower with certainty.</summary>
    private const double CoMentionSmoothing = 2;

    public static DialogueStatistics Empty { get; } = new(0, new Dictionary<int, int>(), new Dictionary<int, Dictionary<int, int>>());

    public DialogueStatistics(int dialogues, Dictionary<int, int> suggestions, Dictionary<int, Dictionary<int, int>> followers, Dictionary<int, int>? mentions = null)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(followers);
        Dialogues = dialogues;
        Suggestions = suggestions;
        Followers = followers;
        Mentions = mentions ?? [];
        FollowerTotals = followers.ToDictionary(p => p.Key, p => p.Value.Values.Sum());
    }

    /// <summary>Gets how many dialogues were counted.</summary>
    public int Dialogues { get; }

    /// <summary>Gets how often each movie was suggested.</summary>
    public Dictionary<int, int> Suggestions { get; }

    /// <summary>Gets, for each named movie, how often each other movie was suggested after it in the same dialogue.</summary>
    public Dictionary<int, Dictionary<int, int>> Followers { get; }

    /// <summary>Gets how often each movie was named in the mention counts given to training; empty when none were.</summary>
    public Dictionary<int, int> Mentions { get; }

    private Dictionary<int, int> FollowerTotals { get; }

    /// <summary>Returns ln(1 + mentions) of a movie: 0 for a movie never mentioned or without mention counts.</summary>
    public float MentionPrior(int movieId) =>
        Mentions.TryGetValue(movieId, out var count) && count > 0 ? (float)Math.Log(1 + count) : 0;

    /// <summary>Returns these statistics with other mention counts.</summary>
    public DialogueStatistics WithMentions(Dictionary<int, int> mentions) => new(Dialogues, Suggestions, Followers, mentions);

    /// <summary>
    /// Returns these statistics with <paramref name="subtract"/> taken from the mention counts (never below 0), so
    /// dialogues that are also in the counts, such as those being evaluated, do not count themselves.
    /// </summary>
    public DialogueStatistics WithoutMentions(IReadOnlyDictionary<int, int> subtract)
    {
        return WithMentions(Subtract(Mentions, subtract));
    }

    /// <summary>Returns <paramref name="counts"/> minus <paramref name="subtract"/>, key by key, never below 0.</summary>
    public static Dictionary<int, int> Subtract(IReadOnlyDictionary<int, int> counts, IReadOnlyDictionary<int, int> subtract)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(subtract);
        return counts.ToDictionary(p => p.Key, p => Math.Max(0, p.Value - subtract.GetValueOrDefault(p.Key)));
    }

    /// <summary>Returns ln(1 + suggestions per 100 dialogues) of a movie: 0 for a movie never suggested.</summary>
    public float Prior(int movieId) =>
        Dialogues == 0 || !Suggestions.TryGetValue(movieId, out var count) ? 0 : (float)Math.Log(1 + (PerDialogues * count / Dialogues));

    /// <summary>Adds, for each movie suggested after <paramref name="namedMovieId"/>, its smoothed share of the suggestions that followed it.</summary>
    public void AddFollowers(int namedMovieId, Action<int, float> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        if (!Followers.TryGetValue(namedMovieId, out var followers))
        {
            return;
        }

        var total = FollowerTotals[namedMovieId] + CoMentionSmoothing;
        foreach (var (movieId, count) in followers)
        {
            add(movieId, (float)(count / total));
        }
    }

    /// <summary>Counts suggestions and followers from suggestion events: each is the suggested movie and the movies named before it.</summary>
    public static DialogueStatistics Count(int dialogues, IEnumerable<(int Suggested, IReadOnlyList<int> NamedBefore)> events, Dictionary<int, int>? mentions = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var suggestions = new Dictionary<int, int>();
        var followers = new Dictionary<int, Dictionary<int, int>>();
        foreach (var (suggested, namedBefore) in events)
        {
            suggestions[suggested] = suggestions.GetValueOrDefault(suggested) + 1;
            foreach (var named in namedBefore)
            {
                if (!followers.TryGetValue(named, out var row))
                {
                    followers[named] = row = [];
                }

                row[suggested] = row.GetValueOrDefault(suggested) + 1;
            }
        }

        return new DialogueStatistics(dialogues, suggestions, followers, mentions);
    }
}
