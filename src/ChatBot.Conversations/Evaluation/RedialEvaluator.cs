using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Conversations.Chat;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Evaluation;

/// <summary>Recall at 1, 10 and 50 over a set of recommendation turns.</summary>
public sealed record RecallSummary(int Turns, double RecallAt1, double RecallAt10, double RecallAt50);

/// <summary>The result of a conversational recommendation evaluation.</summary>
/// <param name="All">Every turn where the human recommender suggested a movie.</param>
/// <param name="Dedup">Only turns whose suggested movie was not mentioned earlier in the conversation.</param>
/// <param name="MappedMovieShare">The share of the file's distinct movies that were found in the catalog.</param>
/// <param name="MappedTargetShare">The share of suggested movies (over all turns) that were found in the catalog.</param>
public sealed record RedialEvaluation(string File, int Conversations, RecallSummary All, RecallSummary Dedup, double MappedMovieShare, double MappedTargetShare);

/// <summary>
/// Measures how well the chat pipeline's ranking predicts what human recommenders suggested in ReDial
/// dialogues. For each movie a recommender suggests, the pipeline is given the conversation so far: the
/// seeker's messages (for genres, decades and moods) and every earlier-mentioned movie with the seeker's
/// stated opinion as a rating. The turn counts as a hit at k when the suggested movie is in the top k.
/// A suggested movie missing from the catalog counts as a miss.
/// </summary>
public sealed partial class RedialEvaluator(IRecommender recommender, ITitleIndex titles, MessageAnalyzer analyzer, CatalogFacts facts)
{
    private const int Depth = 50;

    /// <summary>Stars given to a movie the seeker said they liked.</summary>
    private const double LikedStars = 4.5;

    /// <summary>Stars given to a movie the seeker said they did not like.</summary>
    private const double DislikedStars = 2.0;

    public RedialEvaluation Evaluate(string path, IReadOnlyList<RedialDialogue> dialogues, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        var mapping = MapMovies(dialogues);
        var all = new List<int>();
        var dedup = new List<int>();
        var targets = 0;
        var mappedTargets = 0;
        var done = 0;
        foreach (var dialogue in dialogues)
        {
            var mentioned = new List<string>();
            var seekerText = new List<string>();
            foreach (var message in dialogue.Messages)
            {
                var ids = MovieReference().Matches(message.Text).Select(m => m.Groups["id"].Value).Distinct().ToList();
                if (message.SenderWorkerId == dialogue.RespondentWorkerId)
                {
                    foreach (var id in ids.Where(id => IsSuggested(dialogue, id)))
                    {
                        targets++;
                        var rank = Rank(dialogue, mentioned, seekerText, mapping, id);
                        if (mapping.ContainsKey(id))
                        {
                            mappedTargets++;
                        }

                        all.Add(rank);
                        if (!mentioned.Contains(id))
                        {
                            dedup.Add(rank);
                        }
                    }
                }
                else
                {
                    seekerText.Add(MovieReference().Replace(message.Text, " "));
                }

                mentioned.AddRange(ids.Where(id => !mentioned.Contains(id)));
            }

            progress?.Report(++done);
        }

        var distinct = dialogues.SelectMany(d => d.MovieMentions.Keys).Distinct().ToList();
        return new RedialEvaluation(
            Path.GetFileName(path),
            dialogues.Count,
            Summarise(all),
            Summarise(dedup),
            distinct.Count == 0 ? 0 : (double)distinct.Count(mapping.ContainsKey) / distinct.Count,
            targets == 0 ? 0 : (double)mappedTargets / targets);
    }

    /// <summary>Returns the 1-based rank of the target in the pipeline's top list, or 0 when it is not there.</summary>
    private int Rank(RedialDialogue dialogue, List<string> mentioned, List<string> seekerText, Dictionary<string, int> mapping, string target)
    {
        if (!mapping.TryGetValue(target, out var targetMovie))
        {
            return 0;
        }

        var ratings = new List<MovieRating>();
        var liked = new List<int>();
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
        }

        var understanding = analyzer.Analyze(string.Join(". ", seekerText), facts.LatestYear);
        var ranked = recommender.Recommend(new RecommendationQuery
        {
            IncludePredictedStars = false,
            Ratings = ratings,
            Count = Depth,
            RequiredGenres = understanding.Genres.Required,
            AnyGenres = understanding.Genres.Any,
            ExcludedGenres = understanding.ExcludedGenres,
            YearFrom = understanding.YearFrom,
            YearTo = understanding.YearTo,
            LikeMovieIds = [.. liked.Concat(understanding.LikeMovieIds).Distinct()],

            // As in a live chat, a movie already named in the conversation is not recommended again.
            Exclude = mentioned.Where(mapping.ContainsKey).Select(id => mapping[id]).ToHashSet(),
        });
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].MovieId == targetMovie)
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>Maps ReDial movie ids to catalog ids through their names ("Name (Year)"); a name that does not resolve to one movie stays unmapped.</summary>
    private Dictionary<string, int> MapMovies(IReadOnlyList<RedialDialogue> dialogues)
    {
        var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, name) in dialogues.SelectMany(d => d.MovieMentions).DistinctBy(p => p.Key))
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

    private static bool IsSuggested(RedialDialogue dialogue, string id)
    {
        var labels = dialogue.RespondentQuestions.GetValueOrDefault(id) ?? dialogue.InitiatorQuestions.GetValueOrDefault(id);
        return labels is null || labels.Suggested == 1;
    }

    /// <summary>Returns the seeker's opinion of a movie: 1 liked, 0 disliked, 2 did not say.</summary>
    private static int SeekerOpinion(RedialDialogue dialogue, string id) =>
        (dialogue.InitiatorQuestions.GetValueOrDefault(id) ?? dialogue.RespondentQuestions.GetValueOrDefault(id))?.Liked ?? 2;

    private static RecallSummary Summarise(List<int> ranks) => new(
        ranks.Count,
        Recall(ranks, 1),
        Recall(ranks, 10),
        Recall(ranks, 50));

    private static double Recall(List<int> ranks, int k) =>
        ranks.Count == 0 ? 0 : (double)ranks.Count(r => r >= 1 && r <= k) / ranks.Count;

    [GeneratedRegex(@"@(?<id>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex MovieReference();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\((?<year>(?:19|20)\d\d)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingYear();
}
