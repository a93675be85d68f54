using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Conversations.Evaluation;

/// <summary>One ReDial conversation: a seeker (initiator) asks a recommender (respondent) for movies.</summary>
public sealed class RedialDialogue
{
    // ReDial writes some ids as strings ("conversationId": "391") and others as numbers.
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    [JsonPropertyName("conversationId")]
    public long ConversationId { get; set; }

    [JsonPropertyName("initiatorWorkerId")]
    public long InitiatorWorkerId { get; set; }

    [JsonPropertyName("respondentWorkerId")]
    public long RespondentWorkerId { get; set; }

    /// <summary>Gets or sets the movie names by ReDial movie id ("Man on Wire (2008)").</summary>
    [JsonPropertyName("movieMentions")]
    public Dictionary<string, string?> MovieMentions { get; set; } = [];

    [JsonPropertyName("initiatorQuestions")]
    [JsonConverter(typeof(LenientQuestionsConverter))]
    public Dictionary<string, RedialMovieLabels> InitiatorQuestions { get; set; } = [];

    [JsonPropertyName("respondentQuestions")]
    [JsonConverter(typeof(LenientQuestionsConverter))]
    public Dictionary<string, RedialMovieLabels> RespondentQuestions { get; set; } = [];

    [JsonPropertyName("messages")]
    public List<RedialMessage> Messages { get; set; } = [];

    /// <summary>Reads a JSON-lines file; a line that does not parse is skipped and reported through <paramref name="onSkipped"/>.</summary>
    public static IEnumerable<RedialDialogue> ReadJsonLines(string path, Action<int, string>? onSkipped = null)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RedialDialogue? dialogue;
            try
            {
                dialogue = JsonSerializer.Deserialize<RedialDialogue>(line, JsonOptions);
            }
            catch (JsonException exception)
            {
                onSkipped?.Invoke(lineNumber, exception.Message);
                continue;
            }

            if (dialogue is not null)
            {
                yield return dialogue;
            }
        }
    }

    /// <summary>ReDial writes an empty list ("[]") where a conversation has no labels; this reads it as no labels.</summary>
    private sealed class LenientQuestionsConverter : JsonConverter<Dictionary<string, RedialMovieLabels>>
    {
        public override Dictionary<string, RedialMovieLabels> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Skip();
                return [];
            }

            return JsonSerializer.Deserialize<Dictionary<string, RedialMovieLabels>>(ref reader, options) ?? [];
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, RedialMovieLabels> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }
}

/// <summary>One chat message of a ReDial conversation; movies appear in the text as "@123".</summary>
public sealed class RedialMessage
{
    [JsonPropertyName("text")]
    public string Text { get; set; } = string.Empty;

    [JsonPropertyName("senderWorkerId")]
    public long SenderWorkerId { get; set; }
}

/// <summary>ReDial's per-movie labels: 0 no, 1 yes, 2 did not say.</summary>
public sealed class RedialMovieLabels
{
    [JsonPropertyName("suggested")]
    public int Suggested { get; set; }

    [JsonPropertyName("seen")]
    public int Seen { get; set; }

    [JsonPropertyName("liked")]
    public int Liked { get; set; }
}
