using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord;

/// <summary>Checks the Discord settings that data annotations cannot express; messages never contain the token.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        var token = options.BotToken?.Trim() ?? string.Empty;
        if (token.Length == 0)
        {
            failures.Add("Discord:BotToken is missing. Copy the token from the developer portal's Bot page into Discord:BotToken (or the environment variable Discord__BotToken).");
        }
        else if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Discord:BotToken must be the bare token: remove the leading 'Bot ' (the client adds it to each request).");
        }
        else if (token.Any(char.IsWhiteSpace) || token.Count(c => c == '.') != 2)
        {
            failures.Add("Discord:BotToken does not look like a bot token (three dot-separated parts without spaces). Reset the token on the developer portal's Bot page and copy it again.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Discord:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http or https URL. Use {DiscordOptions.DefaultApiBaseUrl} or the address of a server that speaks the same protocol.");
        }

        if (options.ShardId >= options.ShardCount)
        {
            failures.Add($"Discord:ShardId ({options.ShardId}) must be lower than Discord:ShardCount ({options.ShardCount}). Shard ids run from 0 to ShardCount - 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
