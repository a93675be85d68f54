using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;

namespace ChatBot.Language.Corpora;

/// <summary>
/// Reads dialogues as a JSON array of exchanges: <c>[{"user_id": 1, "message": "...", "response": "..."}]</c>.
/// Earlier exchanges of the same user_id, in file order, become the history of later ones.
/// </summary>
public static class DialogueJsonCorpus
{
    /// <summary>How many earlier exchanges of a user are kept as history.</summary>
    private const int MaxHistoryExchanges = 3;

    /// <exception cref="InvalidDataException">The file is not such an array, or an entry lacks its message or response.</exception>
    public static IReadOnlyList<DialogueExample> Read(string path)
    {
        List<Exchange?>? exchanges;
        try
        {
            using var stream = File.OpenRead(path);
            exchanges = JsonSerializer.Deserialize<List<Exchange?>>(stream);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"'{path}' is not a dialogue file: expected a JSON array of {{\"user_id\", \"message\", \"response\"}} objects ({exception.Message}).", exception);
        }

        if (exchanges is null)
        {
            throw new InvalidDataException($"'{path}' is empty; expected a JSON array of dialogue exchanges.");
        }

        var examples = new List<DialogueExample>(exchanges.Count);
        var history = new Dictionary<string, List<ConversationTurn>>(StringComparer.Ordinal);
        for (var i = 0; i < exchanges.Count; i++)
        {
            var exchange = exchanges[i];
            if (exchange is null || string.IsNullOrWhiteSpace(exchange.Message) || string.IsNullOrWhiteSpace(exchange.Response))
            {
                throw new InvalidDataException($"'{path}': entry {i} has no \"message\" or no \"response\"; every entry needs both.");
            }

            var user = exchange.UserId?.ToString() ?? $"entry-{i}";
            var turns = history.TryGetValue(user, out var list) ? list : history[user] = [];
            examples.Add(new DialogueExample(
                new ReplyGenerationRequest { UserMessage = exchange.Message, History = [.. turns] },
                exchange.Response));

            turns.Add(new ConversationTurn(TurnSpeaker.Person, exchange.Message, DateTimeOffset.UnixEpoch, []));
            turns.Add(new ConversationTurn(TurnSpeaker.Bot, exchange.Response, DateTimeOffset.UnixEpoch, []));
            if (turns.Count > 2 * MaxHistoryExchanges)
            {
                turns.RemoveRange(0, 2);
            }
        }

        return examples;
    }

    private sealed class Exchange
    {
        [JsonPropertyName("user_id")]
        public JsonElement? UserId { get; set; }

        [JsonPropertyName("message")]
        public string? Message { get; set; }

        [JsonPropertyName("response")]
        public string? Response { get; set; }
    }
}
