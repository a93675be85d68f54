using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatBot.Core.Movies;
using Microsoft.Extensions.Logging;
using nietras.SeparatedValues;

namespace ChatBot.Catalog.MovieLens;

/// <summary>The result of importing a MovieLens folder.</summary>
/// <param name="Issues">Malformed rows that were skipped.</param>
public sealed record MovieLensImport(MovieCatalog Catalog, MovieLensLayout Layout, IReadOnlyList<ImportIssue> Issues, TimeSpan Elapsed);

/// <summary>
/// Imports a MovieLens folder in any of the layouts GroupLens publishes. A malformed row is
/// recorded as an <see cref="ImportIssue"/> and skipped; one bad row never aborts the import.
/// </summary>
public sealed partial class MovieLensLoader(ILogger<MovieLensLoader> logger)
{
    /// <summary>How many issues are logged one by one before the rest are only counted.</summary>
    private const int LoggedIssueLimit = 20;

    /// <summary>Genre names of ml-100k's u.item flag columns, in column order, spelled as ml-latest spells them.</summary>
    private static readonly string?[] Ml100kGenres =
    [
        null, "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    public MovieLensImport Load(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The MovieLens folder '{folder}' does not exist. Set Catalog:MovieLensPath to a folder that holds movies.csv, movies.dat or u.item, or run the 'download' command.");
        }

        var layout = MovieLensLayoutDetector.Detect(folder)
            ?? throw new InvalidDataException(
                $"The folder '{folder}' holds no MovieLens data: expected movies.csv (ml-latest, ml-25m), movies.dat (ml-1m, ml-10m) or u.item (ml-100k).");

        var stopwatch = Stopwatch.StartNew();
        var issues = new IssueLog(logger);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        LogImportStarted(logger, folder, layout);

        var movies = layout switch
        {
            MovieLensLayout.Csv => ReadCsvMovies(folder, issues, cancellationToken),
            MovieLensLayout.DoubleColon => ReadDoubleColonMovies(folder, issues, cancellationToken),
            _ => ReadMl100kMovies(folder, issues, cancellationToken),
        };

        var ratings = layout switch
        {
            MovieLensLayout.Csv => ReadCsvRatings(folder, movies, issues, cancellationToken),
            MovieLensLayout.DoubleColon => ReadSeparatedRatings(folder, "ratings.dat", "::", movies, issues, cancellationToken),
            _ => ReadSeparatedRatings(folder, "u.data", "\t", movies, issues, cancellationToken),
        };

        var catalog = new MovieCatalog(name, movies.Values, ratings);
        stopwatch.Stop();
        if (issues.Count > LoggedIssueLimit)
        {
            LogMoreIssues(logger, issues.Count - LoggedIssueLimit);
        }

        LogImportFinished(logger, catalog.Movies.Count, ratings.Count, issues.Count, stopwatch.ElapsedMilliseconds);
        return new MovieLensImport(catalog, layout, issues.Items, stopwatch.Elapsed);
    }

    private static Dictionary<int, Movie> ReadCsvMovies(string folder, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "movies.csv";
        var links = ReadCsvLinks(folder, issues, cancellationToken);
        var tags = ReadCsvTags(folder, issues, cancellationToken);
        var movies = new Dictionary<int, Movie>();
        using var reader = OpenCsv(Path.Combine(folder, fileName));
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = row.LineNumberFrom;
            if (row.ColCount != 3)
            {
                issues.Add(fileName, line, $"expected 3 columns (movieId,title,genres) but found {row.ColCount}");
                continue;
            }

            if (!TryParseId(row[0].Span, out var movieId))
            {
                issues.Add(fileName, line, $"movieId '{row[0].ToString()}' is not a positive integer");
                continue;
            }

            var rawTitle = row[1].ToString();
            var movie = CreateMovie(movieId, rawTitle, SplitGenres(row[2].ToString()), fileName, line, issues);
            if (movie is null)
            {
                continue;
            }

            if (links.TryGetValue(movieId, out var link))
            {
                movie = movie with { ImdbId = link.ImdbId, TmdbId = link.TmdbId };
            }

            if (tags.TryGetValue(movieId, out var movieTags))
            {
                movie = movie with { Tags = movieTags };
            }

            AddMovie(movies, movie, fileName, line, issues);
        }

        return movies;
    }

    private static Dictionary<int, (string? ImdbId, int? TmdbId)> ReadCsvLinks(string folder, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "links.csv";
        var links = new Dictionary<int, (string?, int?)>();
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            return links;
        }

        using var reader = OpenCsv(path);
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.ColCount != 3 || !TryParseId(row[0].Span, out var movieId))
            {
                issues.Add(fileName, row.LineNumberFrom, "expected movieId,imdbId,tmdbId");
                continue;
            }

            var imdb = row[1].ToString().Trim();
            int? tmdb = TryParseId(row[2].Span, out var tmdbId) ? tmdbId : null;
            links[movieId] = (imdb.Length > 0 ? imdb : null, tmdb);
        }

        return links;
    }

    /// <summary>
    /// Reads tags.csv (userId,movieId,tag,timestamp) when the folder has it: per movie, each tag once ignoring
    /// case and surrounding spaces, the ones most people gave first.
    /// </summary>
    private static Dictionary<int, IReadOnlyList<string>> ReadCsvTags(string folder, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "tags.csv";
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var counts = new Dictionary<int, Dictionary<string, (string Tag, int Count)>>();
        using var reader = OpenCsv(path);
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.ColCount != 4 || !TryParseId(row[1].Span, out var movieId))
            {
                issues.Add(fileName, row.LineNumberFrom, "expected userId,movieId,tag,timestamp");
                continue;
            }

            var tag = row[2].ToString().Trim();
            if (tag.Length == 0)
            {
                continue;
            }

            if (!counts.TryGetValue(movieId, out var movieTags))
            {
                movieTags = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
                counts[movieId] = movieTags;
            }

            movieTags[tag] = movieTags.TryGetValue(tag, out var seen) ? (seen.Tag, seen.Count + 1) : (tag, 1);
        }

        return counts.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<string>)[.. p.Value.Values.OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.OrdinalIgnoreCase).Select(t => t.Tag)]);
    }

    private static RatingTable ReadCsvRatings(string folder, Dictionary<int, Movie> movies, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "ratings.csv";
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            return RatingTable.Empty;
        }

        var builder = new RatingTableBuilder();
        using var reader = OpenCsv(path);
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = row.LineNumberFrom;
            if (row.ColCount != 4)
            {
                issues.Add(fileName, line, $"expected 4 columns (userId,movieId,rating,timestamp) but found {row.ColCount}");
                continue;
            }

            AddRating(builder, row[0].Span, row[1].Span, row[2].Span, row[3].Span, movies, fileName, line, issues);
        }

        return builder.Build();
    }

    private static Dictionary<int, Movie> ReadDoubleColonMovies(string folder, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "movies.dat";
        var movies = new Dictionary<int, Movie>();
        var lineNumber = 0L;
        foreach (var line in ReadLinesDetectingEncoding(Path.Combine(folder, fileName)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split("::");
            if (fields.Length != 3)
            {
                issues.Add(fileName, lineNumber, $"expected 3 fields (MovieID::Title::Genres) but found {fields.Length}");
                continue;
            }

            if (!TryParseId(fields[0], out var movieId))
            {
                issues.Add(fileName, lineNumber, $"MovieID '{fields[0]}' is not a positive integer");
                continue;
            }

            var movie = CreateMovie(movieId, fields[1], SplitGenres(fields[2]), fileName, lineNumber, issues);
            if (movie is not null)
            {
                AddMovie(movies, movie, fileName, lineNumber, issues);
            }
        }

        return movies;
    }

    private static Dictionary<int, Movie> ReadMl100kMovies(string folder, IssueLog issues, CancellationToken cancellationToken)
    {
        const string fileName = "u.item";
        var movies = new Dictionary<int, Movie>();
        var lineNumber = 0L;
        foreach (var line in ReadLinesDetectingEncoding(Path.Combine(folder, fileName)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('|');
            if (fields.Length != 5 + Ml100kGenres.Length)
            {
                issues.Add(fileName, lineNumber, $"expected {5 + Ml100kGenres.Length} fields but found {fields.Length}");
                continue;
            }

            if (!TryParseId(fields[0], out var movieId))
            {
                issues.Add(fileName, lineNumber, $"movie id '{fields[0]}' is not a positive integer");
                continue;
            }

            var genres = new List<string>();
            for (var i = 0; i < Ml100kGenres.Length; i++)
            {
                if (fields[5 + i] == "1" && Ml100kGenres[i] is { } genre)
                {
                    genres.Add(genre);
                }
            }

            var movie = CreateMovie(movieId, fields[1], genres, fileName, lineNumber, issues);
            if (movie is not null)
            {
                AddMovie(movies, movie, fileName, lineNumber, issues);
            }
        }

        return movies;
    }

    private static RatingTable ReadSeparatedRatings(
        string folder, string fileName, string separator, Dictionary<int, Movie> movies, IssueLog issues, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            return RatingTable.Empty;
        }

        var builder = new RatingTableBuilder();
        var lineNumber = 0L;
        Span<Range> ranges = stackalloc Range[5];
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNumber++;
            if ((lineNumber & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (line.Length == 0)
            {
                continue;
            }

            var span = line.AsSpan();
            var count = span.Split(ranges, separator);
            if (count != 4)
            {
                issues.Add(fileName, lineNumber, $"expected 4 fields (user, movie, rating, timestamp) but found {count}");
                continue;
            }

            AddRating(builder, span[ranges[0]], span[ranges[1]], span[ranges[2]], span[ranges[3]], movies, fileName, lineNumber, issues);
        }

        return builder.Build();
    }

    private static void AddRating(
        RatingTableBuilder builder,
        ReadOnlySpan<char> user,
        ReadOnlySpan<char> movie,
        ReadOnlySpan<char> rating,
        ReadOnlySpan<char> timestamp,
        Dictionary<int, Movie> movies,
        string fileName,
        long line,
        IssueLog issues)
    {
        if (!TryParseId(user, out var userId))
        {
            issues.Add(fileName, line, $"user id '{user}' is not a positive integer");
            return;
        }

        if (!TryParseId(movie, out var movieId))
        {
            issues.Add(fileName, line, $"movie id '{movie}' is not a positive integer");
            return;
        }

        if (!movies.ContainsKey(movieId))
        {
            issues.Add(fileName, line, $"movie id {movieId} is not in the movie list");
            return;
        }

        if (!float.TryParse(rating.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var stars)
            || !Stars.TryFromValue(stars, out _))
        {
            issues.Add(fileName, line, $"rating '{rating}' is not 0.5 to 5 in half-star steps");
            return;
        }

        if (!long.TryParse(timestamp.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            issues.Add(fileName, line, $"timestamp '{timestamp}' is not an integer");
            return;
        }

        builder.Add(userId, movieId, stars, seconds);
    }

    private static Movie? CreateMovie(int movieId, string rawTitle, IReadOnlyList<string> genres, string fileName, long line, IssueLog issues)
    {
        if (string.IsNullOrWhiteSpace(rawTitle))
        {
            issues.Add(fileName, line, $"movie {movieId} has an empty title");
            return null;
        }

        var parsed = MovieLensTitleParser.Parse(rawTitle);
        return new Movie(movieId, parsed.Title, parsed.Year, parsed.AlternateTitles, genres, rawTitle.Trim());
    }

    private static void AddMovie(Dictionary<int, Movie> movies, Movie movie, string fileName, long line, IssueLog issues)
    {
        if (!movies.TryAdd(movie.Id, movie))
        {
            issues.Add(fileName, line, $"movie id {movie.Id} appears twice; the first row is kept");
        }
    }

    private static IReadOnlyList<string> SplitGenres(string genres)
    {
        if (string.IsNullOrWhiteSpace(genres) || genres.Trim() == "(no genres listed)")
        {
            return [];
        }

        return [.. genres.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => g == "Children's" ? "Children" : g)];
    }

    private static bool TryParseId(ReadOnlySpan<char> text, out int id) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static SepReader OpenCsv(string path) =>
        Sep.Reader(options => options with { Unescape = true, DisableColCountCheck = true }).FromFile(path);

    /// <summary>Reads lines as UTF-8, or as ISO-8859-1 when the file is not valid UTF-8 (ml-100k, ml-1m).</summary>
    private static IEnumerable<string> ReadLinesDetectingEncoding(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Importing MovieLens from {Folder} ({Layout} layout).")]
    private static partial void LogImportStarted(ILogger logger, string folder, MovieLensLayout layout);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Imported {Movies} movies and {Ratings} ratings in {ElapsedMs} ms; {Skipped} malformed rows skipped.")]
    private static partial void LogImportFinished(ILogger logger, int movies, int ratings, int skipped, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Skipped malformed row {Issue}.")]
    private static partial void LogIssue(ILogger logger, ImportIssue issue);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Skipped {Count} more malformed rows that were not logged one by one.")]
    private static partial void LogMoreIssues(ILogger logger, int count);

    private sealed class IssueLog(ILogger logger)
    {
        public List<ImportIssue> Items { get; } = [];

        public int Count => Items.Count;

        public void Add(string file, long line, string reason)
        {
            var issue = new ImportIssue(file, line, reason);
            Items.Add(issue);
            if (Items.Count <= LoggedIssueLimit)
            {
                LogIssue(logger, issue);
            }
        }
    }

    private sealed class RatingTableBuilder
    {
        private readonly List<int> _users = [];
        private readonly List<int> _movies = [];
        private readonly List<float> _stars = [];
        private readonly List<long> _timestamps = [];

        public void Add(int userId, int movieId, float stars, long timestamp)
        {
            _users.Add(userId);
            _movies.Add(movieId);
            _stars.Add(stars);
            _timestamps.Add(timestamp);
        }

        public RatingTable Build() => new([.. _users], [.. _movies], [.. _stars], [.. _timestamps]);
    }
}
