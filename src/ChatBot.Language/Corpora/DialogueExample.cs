using ChatBot.Core.Language;

namespace ChatBot.Language.Corpora;

/// <summary>One training example: what a reply generator is given, and the reply it should write.</summary>
public sealed record DialogueExample(ReplyGenerationRequest Request, string Response);
