using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// Checks the settings that data annotations cannot express: the token's shape, the URLs and the
/// webhook secret. Messages name the configuration key and never repeat the token.
/// </summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        ValidateToken(options.BotToken, failures);
        ValidateApiBaseUrl(options.ApiBaseUrl, failures);
        if (options.UsesWebhook)
        {
            ValidateWebhook(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns whether the token has BotFather's shape: the bot id, a colon and the secret part.</summary>
    internal static bool IsWellFormedToken(string? token) => token is not null && TokenPattern().IsMatch(token);

    private static void ValidateToken(string? token, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            failures.Add("Telegram:BotToken is missing. Set it to the token BotFather gave you, or remove the Telegram section to turn the channel off.");
        }
        else if (!IsWellFormedToken(token))
        {
            failures.Add(
                "Telegram:BotToken is not a valid bot token. Expected the bot id, a colon and at least 30 letters, digits, '_' or '-' " +
                "(as BotFather shows it, without quotes, spaces or a 'bot' prefix).");
        }
    }

    private static void ValidateApiBaseUrl(string? apiBaseUrl, List<string> failures)
    {
        if (apiBaseUrl is null)
        {
            return;
        }

        if (!Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Telegram:ApiBaseUrl '{apiBaseUrl}' is not an absolute http or https URL. Use a value such as http://127.0.0.1:8081, or remove it to use Telegram's own server.");
        }
    }

    private static void ValidateWebhook(TelegramOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var webhook) || webhook.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Telegram:WebhookUrl '{options.WebhookUrl}' is not an absolute https URL. Telegram delivers webhooks only over HTTPS; remove the key to use long polling.");
        }

        if (string.IsNullOrEmpty(options.WebhookSecretToken))
        {
            failures.Add("Telegram:WebhookSecretToken is missing. Webhook mode needs a secret of 1 to 256 characters from A-Z, a-z, 0-9, '_' and '-'.");
        }
        else if (!SecretPattern().IsMatch(options.WebhookSecretToken))
        {
            failures.Add("Telegram:WebhookSecretToken is invalid. Use 1 to 256 characters from A-Z, a-z, 0-9, '_' and '-'.");
        }

        if (!Uri.TryCreate(options.WebhookListenUrl, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"Telegram:WebhookListenUrl '{options.WebhookListenUrl}' is not an absolute http URL. Use a value such as http://127.0.0.1:8443.");
        }
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
