namespace ChatBot.Channels.Telegram.Rendering;

/// <summary>One Telegram message ready to send.</summary>
/// <param name="Html">The text in Telegram's HTML parse mode, at most 4,096 characters.</param>
/// <param name="PlainText">The same text without markup, sent instead when Telegram rejects the HTML.</param>
/// <param name="Keyboard">Rows of inline buttons; empty for none.</param>
internal sealed record OutgoingMessage(string Html, string PlainText, IReadOnlyList<IReadOnlyList<OutgoingButton>> Keyboard);

/// <summary>An inline keyboard button whose callback data is at most 64 UTF-8 bytes.</summary>
internal sealed record OutgoingButton(string Label, string CallbackData);
