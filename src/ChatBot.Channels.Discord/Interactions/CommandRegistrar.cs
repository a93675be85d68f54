using System.Text.Json;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>
/// Registers the slash commands by bulk overwrite, globally or in the development guild. Discord allows only
/// 200 command creations per day per guild, so the registered set is compared first and left alone when equal.
/// </summary>
internal sealed partial class CommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    /// <summary>Registers the commands; failures are logged, because commands can be registered on the next start.</summary>
    /// <returns>True when the commands were written, false when they were already current or registration failed.</returns>
    public async Task<bool> RegisterAsync(string applicationId, CancellationToken cancellationToken)
    {
        var guildId = string.IsNullOrWhiteSpace(options.Value.DevelopmentGuildId) ? null : options.Value.DevelopmentGuildId;
        var scope = guildId is null ? "global" : $"guild {guildId}";
        try
        {
            var registered = await rest.GetCommandsAsync(applicationId, guildId, cancellationToken).ConfigureAwait(false);
            if (Fingerprint(registered) == Fingerprint(SlashCommands.All))
            {
                LogCommandsCurrent(logger, SlashCommands.All.Count, scope);
                return false;
            }

            await rest.BulkOverwriteCommandsAsync(applicationId, guildId, SlashCommands.All, cancellationToken).ConfigureAwait(false);
            LogCommandsRegistered(logger, SlashCommands.All.Count, scope);
            return true;
        }
        catch (DiscordRestException exception)
        {
            LogRegistrationFailed(logger, scope, exception);
            return false;
        }
    }

    /// <summary>Serialises the fields the bot sets, in name order, so extra fields Discord adds do not count.</summary>
    internal static string Fingerprint(IEnumerable<ApplicationCommand> commands) =>
        JsonSerializer.Serialize(
            commands.OrderBy(command => command.Name, StringComparer.Ordinal).Select(command => command with
            {
                Options = command.Options is { Count: > 0 } list ? list.Select(Normalize).ToList() : null,
                Contexts = command.Contexts?.Order().ToList(),
                IntegrationTypes = command.IntegrationTypes?.Order().ToList(),
                NameLocalizations = Sorted(command.NameLocalizations),
                DescriptionLocalizations = Sorted(command.DescriptionLocalizations),
            }),
            DiscordJson.Options);

    private static CommandOption Normalize(CommandOption option) => option with
    {
        Required = option.Required == true ? true : null,
        Autocomplete = option.Autocomplete == true ? true : null,
        NameLocalizations = Sorted(option.NameLocalizations),
        DescriptionLocalizations = Sorted(option.DescriptionLocalizations),
        Choices = option.Choices?.Select(choice => choice with
        {
            NameLocalizations = Sorted(choice.NameLocalizations),
            Value = choice.Value is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(choice.Value, DiscordJson.Options),
        }).ToList(),
    };

    private static SortedDictionary<string, string>? Sorted(IReadOnlyDictionary<string, string>? localizations) =>
        localizations is { Count: > 0 } ? new SortedDictionary<string, string>(localizations.ToDictionary(), StringComparer.Ordinal) : null;

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Discord commands: {Count} slash commands registered ({Scope}).")]
    private static partial void LogCommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 341, Level = LogLevel.Information, Message = "Discord commands: the {Count} registered slash commands are current ({Scope}); nothing to overwrite.")]
    private static partial void LogCommandsCurrent(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 342, Level = LogLevel.Error, Message = "Discord commands: registering the slash commands ({Scope}) failed; the commands stay as they were until the next start.")]
    private static partial void LogRegistrationFailed(ILogger logger, string scope, Exception exception);
}
