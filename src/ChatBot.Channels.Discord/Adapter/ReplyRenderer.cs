using System.Globalization;
using ChatBot.Channels.Discord.Models;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>
/// Renders a <see cref="Reply"/> as Discord messages: escaped text split at 2,000 characters, one embed per
/// movie, the movie's actions as buttons below, and the reply's own actions last. A reply becomes several
/// messages when Discord's per-message limits (10 embeds, 6,000 embed characters, 5 rows of 5 buttons) require it.
/// Every message allows no mention to ping.
/// </summary>
internal sealed partial class ReplyRenderer(ILogger<ReplyRenderer> logger)
{
    public const int MaxContentLength = 2000;
    public const int MaxEmbedsPerMessage = 10;
    public const int MaxEmbedCharactersPerMessage = 6000;
    public const int MaxRowsPerMessage = 5;
    public const int MaxButtonsPerRow = 5;
    public const int MaxButtonLabelLength = 80;
    public const int MaxEmbedTitleLength = 256;

    /// <summary>The movie embeds keep well below Discord's 4,096-character description limit so several fit a message.</summary>
    public const int MaxMovieDescriptionLength = 1000;

    private const int EmbedColor = 0x5865F2;
    private const int PrimaryStyle = 1;
    private const int SecondaryStyle = 2;

    public IReadOnlyList<MessagePayload> Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var buttonIndex = 0;
        var blocks = new List<Block>();
        var numberMovies = reply.Movies.Count > 1;
        for (var i = 0; i < reply.Movies.Count; i++)
        {
            var movie = reply.Movies[i];
            var prefix = numberMovies ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : string.Empty;
            blocks.Add(new Block(MovieEmbed(movie, prefix), Rows(movie.Actions, prefix, SecondaryStyle, ref buttonIndex)));
        }

        if (reply.Actions.Count > 0)
        {
            blocks.Add(new Block(null, Rows(reply.Actions, string.Empty, PrimaryStyle, ref buttonIndex)));
        }

        var chunks = DiscordMarkdown.Split(DiscordMarkdown.Escape(reply.Text), MaxContentLength);
        return Pack(chunks, blocks);
    }

    private static List<MessagePayload> Pack(IReadOnlyList<string> chunks, List<Block> blocks)
    {
        var messages = new List<MessagePayload>();
        for (var i = 0; i < chunks.Count - 1; i++)
        {
            messages.Add(new MessagePayload { Content = chunks[i] });
        }

        var content = chunks.Count > 0 ? chunks[^1] : null;
        var embeds = new List<Embed>();
        var rows = new List<Component>();
        var embedCharacters = 0;
        foreach (var block in blocks)
        {
            var blockCharacters = block.Embed is null ? 0 : (block.Embed.Title?.Length ?? 0) + (block.Embed.Description?.Length ?? 0);
            var fits = embeds.Count + (block.Embed is null ? 0 : 1) <= MaxEmbedsPerMessage
                && embedCharacters + blockCharacters <= MaxEmbedCharactersPerMessage
                && rows.Count + block.Rows.Count <= MaxRowsPerMessage;
            if (!fits && (embeds.Count > 0 || rows.Count > 0))
            {
                messages.Add(Message(content, embeds, rows));
                content = null;
                embeds = [];
                rows = [];
                embedCharacters = 0;
            }

            if (block.Embed is not null)
            {
                embeds.Add(block.Embed);
                embedCharacters += blockCharacters;
            }

            // A block never has more rows than a message allows: Rows() caps them.
            rows.AddRange(block.Rows);
        }

        if (content is not null || embeds.Count > 0 || rows.Count > 0)
        {
            messages.Add(Message(content, embeds, rows));
        }

        if (messages.Count == 0)
        {
            // Discord rejects a message without content, embeds or components.
            messages.Add(new MessagePayload { Content = "…" });
        }

        return messages;
    }

    private static MessagePayload Message(string? content, List<Embed> embeds, List<Component> rows) => new()
    {
        Content = content,
        Embeds = embeds.Count > 0 ? embeds : null,
        Components = rows.Count > 0 ? rows : null,
    };

    private static Embed MovieEmbed(ReplyMovie movie, string prefix)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(movie.Reason))
        {
            lines.Add(movie.Reason);
        }

        if (!string.IsNullOrWhiteSpace(movie.Detail))
        {
            lines.Add(movie.Detail);
        }

        if (movie.Genres.Count > 0)
        {
            lines.Add(string.Join(" · ", movie.Genres));
        }

        var description = lines.Count > 0
            ? DiscordMarkdown.Truncate(DiscordMarkdown.Escape(string.Join('\n', lines)), MaxMovieDescriptionLength)
            : null;
        var title = movie.Year is { } year && !movie.DisplayTitle.Contains(year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{movie.DisplayTitle} ({year})")
            : movie.DisplayTitle;
        return new Embed
        {
            Title = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(prefix + title), MaxEmbedTitleLength),
            Description = description,
            Color = EmbedColor,
        };
    }

    private List<Component> Rows(IReadOnlyList<ReplyAction> actions, string labelPrefix, int style, ref int buttonIndex)
    {
        var buttons = new List<Component>();
        foreach (var action in actions)
        {
            var customId = CustomIds.Encode(buttonIndex, action.Payload);
            if (customId is null)
            {
                LogSkippedButton(logger, action.Label, buttonIndex);
                continue;
            }

            buttonIndex++;
            buttons.Add(new Component
            {
                Type = Component.ButtonType,
                Style = style,
                Label = DiscordMarkdown.Truncate(labelPrefix + action.Label, MaxButtonLabelLength),
                CustomId = customId,
            });
        }

        if (buttons.Count > MaxRowsPerMessage * MaxButtonsPerRow)
        {
            LogTooManyButtons(logger, buttons.Count, MaxRowsPerMessage * MaxButtonsPerRow);
            buttons = buttons.Take(MaxRowsPerMessage * MaxButtonsPerRow).ToList();
        }

        return buttons
            .Chunk(MaxButtonsPerRow)
            .Select(row => new Component { Type = Component.ActionRowType, Components = row })
            .ToList();
    }

    private sealed record Block(Embed? Embed, List<Component> Rows);

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "Discord reply: skipped button '{Label}' (position {Index}): its payload is empty, has control characters or exceeds 64 UTF-8 bytes, or the reply has more than 100 buttons.")]
    private static partial void LogSkippedButton(ILogger logger, string label, int index);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "Discord reply: {Count} buttons for one item; only the first {Limit} are shown.")]
    private static partial void LogTooManyButtons(ILogger logger, int count, int limit);
}
