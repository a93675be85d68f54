using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>Builds the <see cref="TitleIndex"/> on first use, so services that take an index can be constructed cheaply.</summary>
public sealed class LazyTitleIndex(Func<TitleIndex> build) : ITitleIndex
{
    private readonly Lazy<TitleIndex> _index = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public TitleIndex Index => _index.Value;

    public TitleLookup Lookup(string query, int maxCandidates = 5) => Index.Lookup(query, maxCandidates);

    public IReadOnlyList<TitleMention> ExtractMentions(string text) => Index.ExtractMentions(text);

    public IReadOnlyList<TitleCandidate> Suggest(string partialTitle, int maxSuggestions) => Index.Suggest(partialTitle, maxSuggestions);
}
