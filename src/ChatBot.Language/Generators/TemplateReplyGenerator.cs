using System.Diagnostics;
using ChatBot.Core.Language;
using ChatBot.Language.Templates;

namespace ChatBot.Language.Generators;

/// <summary>Writes replies from fixed English and Simplified Chinese sentences, so it needs no model and no network.</summary>
public sealed class TemplateReplyGenerator : IReplyGenerator
{
    public const string GeneratorName = "templates";

    public string Name => GeneratorName;

    public Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Generate(request));
    }

    /// <summary>Writes the reply synchronously; the phrasing is chosen by the message text, so the same message gets the same reply.</summary>
    public GeneratedReply Generate(ReplyGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(StableHash(request.UserMessage));
        var text = ReplyTemplates.Write(request, random);
        return new GeneratedReply(text, GeneratorName, stopwatch.Elapsed);
    }

    /// <summary>Returns FNV-1a of the text; string.GetHashCode differs between processes.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
