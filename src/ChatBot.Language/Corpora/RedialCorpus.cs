using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;

namespace ChatBot.Language.Corpora;

/// <summary>
/// Reads ReDial-style JSONL conversations. The seeker (initiatorWorkerId) speaks as the person and
/// the recommender (respondentWorkerId) as the bot; consecutive messages of one speaker are joined.
/// Movie mentions "@123" become "Title (Year)" through the conversation's movieMentions table.
/// Every recommender turn is one example, whose candidates are the movies that turn names, so the
/// model learns to name titles it was given.
/// </summary>
public static partial class RedialCorpus
{
    public static IReadOnlyList<DialogueExample> Read(string path)
    {
        var examples = new List<DialogueExample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                examples.AddRange(ReadConversation(document.RootElement));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException(
                    $"'{path}' line {lineNumber} is not a ReDial conversation (expected movieMentions, initiatorWorkerId, respondentWorkerId and messages): {exception.Message}", exception);
            }
        }

        return examples;
    }

    private static IEnumerable<DialogueExample> ReadConversation(JsonElement conversation)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (conversation.TryGetProperty("movieMentions", out var mentions) && mentions.ValueKind == JsonValueKind.Object)
        {
            foreach (var mention in mentions.EnumerateObject())
            {
                if (mention.Value.ValueKind == JsonValueKind.String)
                {
                    titles[mention.Name] = CleanTitle(mention.Value.GetString()!);
                }
            }
        }

        var seeker = conversation.GetProperty("initiatorWorkerId").GetInt64();
        var turns = new List<(TurnSpeaker Speaker, string Text, List<string> Movies)>();
        foreach (var message in conversation.GetProperty("messages").EnumerateArray())
        {
            var speaker = message.GetProperty("senderWorkerId").GetInt64() == seeker ? TurnSpeaker.Person : TurnSpeaker.Bot;
            var movies = new List<string>();
            var text = Mention().Replace(message.GetProperty("text").GetString() ?? string.Empty, match =>
            {
                if (titles.TryGetValue(match.Groups[1].Value, out var title))
                {
                    movies.Add(title);
                    return title;
                }

                return "that movie";
            }).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Speaker == speaker)
            {
                var last = turns[^1];
                last.Movies.AddRange(movies);
                turns[^1] = (speaker, last.Text + " " + text, last.Movies);
            }
            else
            {
                turns.Add((speaker, text, movies));
            }
        }

        for (var i = 1; i < turns.Count; i++)
        {
            if (turns[i].Speaker != TurnSpeaker.Bot || turns[i - 1].Speaker != TurnSpeaker.Person)
            {
                continue;
            }

            var named = turns[i].Movies.Distinct(StringComparer.Ordinal).ToList();
            var request = new ReplyGenerationRequest
            {
                UserMessage = turns[i - 1].Text,
                History = [.. turns.Take(i - 1).Select(t => new ConversationTurn(t.Speaker, t.Text, DateTimeOffset.UnixEpoch, []))],
                Candidates = [.. named.Select((title, index) => new CandidateTitle(-1 - index, title, [], null))],
                RequestedCount = named.Count,
            };
            yield return new DialogueExample(request, turns[i].Text);
        }
    }

    /// <summary>Collapses the doubled spaces some ReDial names have ("Cosmos  (2015)").</summary>
    private static string CleanTitle(string title) => string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"@(\d+)")]
    private static partial Regex Mention();
}
