using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Conversations.Chat;
using ChatBot.Conversations.Ranking;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Evaluation;

/// <summary>
/// One suggestion of a human recommender in a ReDial dialogue, with what the chat pipeline would know at that
/// point: the query (the seeker's stated opinions as ratings, the movies named so far excluded, the seeker's
/// latest message as the explicit request) and the conversation's signals.
/// </summary>
/// <param name="Dialogue">The dialogue's position in its file.</param>
/// <param name="TargetRedialId">The suggested movie's ReDial id.</param>
/// <param name="TargetMovieId">The suggested movie's catalog id, or null when it is not in the catalog.</param>
/// <param name="Dedup">Whether the suggested movie was not named earlier in the dialogue.</param>
/// <param name="NamedBefore">The catalog ids of the movies named earlier in the dialogue, oldest first.</param>
public sealed record RedialTurn(int Dialogue, string TargetRedialId, int? TargetMovieId, bool Dedup, IReadOnlyList<int> NamedBefore, RecommendationQuery Query, ConversationSignals Signals);

/// <summary>Maps ReDial movies to the catalog and walks dialogues into the turns where a human recommender suggests a movie.</summary>
public sealed partial class RedialTurns(ITitleIndex titles, MessageAnalyzer analyzer, CatalogFacts facts)
{
    /// <summary>Stars given to a movie the seeker liked.</summary>
    private const double LikedStars = 4.5;

    /// <summary>Stars given to a movie the seeker disliked.</summary>
    private const double DislikedStars = 2.0;

    /// <summary>Returns the suggestion turns of the dialogues, ranking <paramref name="depth"/> movies each, in file order.</summary>
    public IReadOnlyList<RedialTurn> Walk(IReadOnlyList<RedialDialogue> dialogues, IReadOnlyDictionary<string, int> mapping, int depth)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        ArgumentNullException.ThrowIfNull(mapping);
        var turns = new List<RedialTurn>();
        for (var d = 0; d < dialogues.Count; d++)
        {
            var dialogue = dialogues[d];
            var mentioned = new List<string>();
            var requests = new List<RequestedTraits>();
            var texts = new List<string>();
            var likedInText = new List<int>();
            MessageUnderstanding? latest = null;
            foreach (var message in dialogue.Messages)
            {
                var ids = MovieReference().Matches(message.Text).Select(m => m.Groups["id"].Value).Distinct().ToList();
                if (message.SenderWorkerId == dialogue.RespondentWorkerId)
                {
                    foreach (var id in ids.Where(id => IsSuggested(dialogue, id)))
                    {
                        var target = mapping.TryGetValue(id, out var movieId) ? movieId : (int?)null;
                        var (query, signals) = Context(dialogue, mentioned, mapping, requests, texts, likedInText, latest, depth);
                        turns.Add(new RedialTurn(d, id, target, !mentioned.Contains(id), [.. signals.Mentioned.Select(m => m.MovieId)], query, signals));
                    }
                }
                else
                {
                    var text = MovieReference().Replace(message.Text, " ");
                    latest = analyzer.Analyze(text, facts.LatestYear);
                    texts.Add(text);
                    requests.Add(new RequestedTraits(latest.Genres, latest.ExcludedGenres, latest.YearFrom, latest.YearTo));
                    likedInText.AddRange(latest.LikeMovieIds);
                }

                mentioned.AddRange(ids.Where(id => !mentioned.Contains(id)));
            }
        }

        return turns;
    }

    /// <summary>Maps ReDial movie ids to catalog ids through their names ("Name (Year)"); a name that does not resolve to one movie stays unmapped.</summary>
    public Dictionary<string, int> MapMovies(IEnumerable<RedialDialogue> dialogues)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        return MapNames(dialogues.SelectMany(d => d.MovieMentions));
    }

    /// <summary>Maps (ReDial id, name) pairs to catalog ids as <see cref="MapMovies"/> does.</summary>
    public Dictionary<string, int> MapNames(IEnumerable<KeyValuePair<string, string?>> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, name) in names.DistinctBy(p => p.Key))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var cleaned = Whitespace().Replace(name, " ").Trim();
            var lookup = titles.Lookup(cleaned, 3);
            var year = TrailingYear().Match(cleaned) is { Success: true } match ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : (int?)null;
            var best = lookup.Candidates.FirstOrDefault();
            if (best is null)
            {
                continue;
            }

            if (lookup.Status == TitleMatchStatus.Match || (lookup.Status == TitleMatchStatus.Ambiguous && year is not null && best.Movie.Year == year))
            {
                mapping[id] = best.Movie.Id;
            }
        }

        return mapping;
    }

    /// <summary>Builds what the pipeline would see: the seeker's latest message as the request, the rest of the conversation as signals.</summary>
    private static (RecommendationQuery Query, ConversationSignals Signals) Context(
        RedialDialogue dialogue,
        List<string> mentioned,
        IReadOnlyDictionary<string, int> mapping,
        List<RequestedTraits> requests,
        List<string> texts,
        List<int> likedInText,
        MessageUnderstanding? latest,
        int depth)
    {
        var ratings = new List<MovieRating>();
        var liked = new List<int>();
        var named = new List<MentionedMovie>();
        foreach (var id in mentioned)
        {
            if (!mapping.TryGetValue(id, out var movieId))
            {
                continue;
            }

            var opinion = SeekerOpinion(dialogue, id);
            if (opinion == 1)
            {
                ratings.Add(new MovieRating(movieId, LikedStars));
                liked.Add(movieId);
            }
            else if (opinion == 0)
            {
                ratings.Add(new MovieRating(movieId, DislikedStars));
            }

            named.Add(new MentionedMovie(movieId, opinion switch { 1 => MentionOpinion.Liked, 0 => MentionOpinion.Disliked, _ => MentionOpinion.Unknown }));
        }

        var query = new RecommendationQuery
        {
            IncludePredictedStars = false,
            Ratings = ratings,
            Count = depth,
            RequiredGenres = latest?.Genres.Required ?? [],
            AnyGenres = latest?.Genres.Any ?? [],
            ExcludedGenres = latest?.ExcludedGenres ?? [],
            YearFrom = latest?.YearFrom,
            YearTo = latest?.YearTo,
            LikeMovieIds = [.. liked.Concat(likedInText).Distinct()],

            // As in a live chat, a movie already named in the conversation is not recommended again.
            Exclude = named.Select(m => m.MovieId).ToHashSet(),
        };
        return (query, new ConversationSignals { Mentioned = named, Requests = [.. requests], Texts = [.. texts] });
    }

    /// <summary>Counts, per catalog movie, how often the dialogues' messages name it ("@id"), as ReDial's mention counts do.</summary>
    public static Dictionary<int, int> CountMentions(IEnumerable<RedialDialogue> dialogues, IReadOnlyDictionary<string, int> mapping)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        ArgumentNullException.ThrowIfNull(mapping);
        var counts = new Dictionary<int, int>();
        foreach (var message in dialogues.SelectMany(d => d.Messages))
        {
            foreach (Match match in MovieReference().Matches(message.Text))
            {
                if (mapping.TryGetValue(match.Groups["id"].Value, out var movieId))
                {
                    counts[movieId] = counts.GetValueOrDefault(movieId) + 1;
                }
            }
        }

        return counts;
    }

    private static bool IsSuggested(RedialDialogue dialogue, string id)
    {
        var labels = dialogue.RespondentQuestions.GetValueOrDefault(id) ?? dialogue.InitiatorQuestions.GetValueOrDefault(id);
        return labels is null || labels.Suggested == 1;
    }

    /// <summary>Returns the seeker's opinion of a movie from the dialogue's forms: 1 liked, 0 disliked, 2 unknown.</summary>
    private static int SeekerOpinion(RedialDialogue dialogue, string id) =>
        (dialogue.InitiatorQuestions.GetValueOrDefault(id) ?? dialogue.RespondentQuestions.GetValueOrDefault(id))?.Liked ?? 2;

    [GeneratedRegex(@"@(?<id>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex MovieReference();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\((?<year>(?:19|20)\d\d)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingYear();
}
