namespace ChatBot.TestSupport;

/// <summary>
/// Locates the public datasets that tests read. They live beside the repository in ../shared/data
/// and are never copied into it; CHATBOT_SHARED_DATA overrides the location.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Gets the shared data folder.</summary>
    public static string Folder => Root.Value;

    public static string MovieLensSmall => Path.Combine(Folder, "movielens", "ml-latest-small");

    public static string MovieLens100k => Path.Combine(Folder, "movielens", "ml-100k");

    public static string Redial => Path.Combine(Folder, "redial");

    /// <summary>Gets the repository root (the folder holding ChatBot.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CHATBOT_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (!Directory.Exists(candidate))
        {
            throw new DirectoryNotFoundException(
                $"The shared test data folder '{candidate}' does not exist. Put the MovieLens and ReDial data there or set CHATBOT_SHARED_DATA.");
        }

        return candidate;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new DirectoryNotFoundException($"No ChatBot.sln above '{AppContext.BaseDirectory}'.");
    }
}
