using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Channels.Discord.Models;

/// <summary>The JSON settings of Discord's API: snake_case names, and absent rather than null optional fields.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
