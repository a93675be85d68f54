using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

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

        ValidateInteractionsEndpoint(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Checks the public key and the listen address; the key is required only when the endpoint runs.</summary>
    private static void ValidateInteractionsEndpoint(DiscordOptions options, List<string> failures)
    {
        var endpointRuns = options.Receive is DiscordReceiveMode.Interactions or DiscordReceiveMode.Both;
        var key = options.PublicKey?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            if (endpointRuns)
            {
                failures.Add($"Discord:PublicKey is missing, and Discord:Receive is {options.Receive}. Copy the Public Key from the developer portal's General Information page into Discord:PublicKey, or set Discord:Receive to Gateway.");
            }
        }
        else if (!TryParsePublicKey(key, out _))
        {
            failures.Add($"Discord:PublicKey must be the application's Ed25519 public key: 64 hexadecimal characters, as shown on the developer portal's General Information page (got {key.Length} characters).");
        }

        if (!endpointRuns)
        {
            return;
        }

        if (!TryParseListenUrl(options.InteractionsListenUrl))
        {
            failures.Add($"Discord:InteractionsListenUrl '{options.InteractionsListenUrl}' must be a plain http address without a path, such as {DiscordOptions.DefaultInteractionsListenUrl}. HTTPS belongs to the reverse proxy in front of it.");
        }

        var path = options.InteractionsPath ?? string.Empty;
        if (!path.StartsWith('/') || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '?' or '#'))
        {
            failures.Add($"Discord:InteractionsPath '{path}' must start with '/' and contain no spaces, '?' or '#', such as {DiscordOptions.DefaultInteractionsPath}.");
        }
    }

    /// <summary>Parses a hexadecimal Ed25519 public key; false when the text is not 32 bytes of hex or not a valid key.</summary>
    internal static bool TryParsePublicKey(string hex, out PublicKey? key)
    {
        key = null;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, Convert.FromHexString(hex), KeyBlobFormat.RawPublicKey, out key);
    }

    private static bool TryParseListenUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme == "http" && !address.IsUnixPipe && (address.PathBase.Length == 0 || address.PathBase == "/");
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
