namespace ChatBot.Catalog.MovieLens;

/// <summary>A malformed row that the import skipped.</summary>
/// <param name="File">The file name, without its folder.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Reason">What was wrong with the row.</param>
public sealed record ImportIssue(string File, long Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
