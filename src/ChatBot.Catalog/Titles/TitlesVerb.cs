using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// The "titles" command: resolves title queries in bulk, one per line on standard input, and writes one JSON
/// object per query on standard output:
/// {"query": "...", "status": "match" | "ambiguous" | "none", "candidates": [{"movieId": 2571, "title": "The Matrix", "year": 1999, "score": 0.97}]}.
/// </summary>
public sealed class TitlesVerb : ICommandLineVerb
{
    /// <summary>The default number of candidates written per query.</summary>
    public const int DefaultMaxCandidates = 5;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The output is read by scripts, not embedded in HTML, so titles keep their own characters ("Amélie").
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IMovieCatalog _catalog;
    private readonly ITitleIndex _index;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <param name="input">Where queries are read; standard input when null.</param>
    /// <param name="output">Where results are written; standard output when null.</param>
    /// <param name="error">Where usage errors are written; standard error when null.</param>
    public TitlesVerb(IMovieCatalog catalog, ITitleIndex index, TextReader? input = null, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        _catalog = catalog;
        _index = index;
        _input = input ?? Console.In;
        _output = output ?? Console.Out;
        _error = error ?? Console.Error;
    }

    public string Name => "titles";

    public string Summary => "Resolve movie titles against the catalog, one query per line, as JSON lines.";

    public string Usage => $"""
        Usage: titles [--max N]

        Reads one title query per line from standard input ("godfather part 2", "dune 1984") and writes one JSON
        object per query to standard output, in input order. Blank lines are skipped.

          {"{"}"query": "...", "status": "match" | "ambiguous" | "none",
           "candidates": [{"{"}"movieId": 2571, "title": "The Matrix", "year": 1999, "score": 0.97{"}"}, ...]{"}"}

        status     match: one movie fits; ambiguous: several fit about equally well, or the best fits only
                   loosely; none: nothing fits, and the candidates are only the closest titles.
        candidates Best first. movieId is the catalog's own id, title the title without its year, year null
                   when the catalog has none, score the confidence from 0 to 1 that this movie is the one meant.

        Options:
          --max N   Candidates per query, 1 to 50 (default {DefaultMaxCandidates}).
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Any(a => a is "--help" or "-h"))
        {
            await _output.WriteLineAsync(Usage.AsMemory(), cancellationToken);
            return 0;
        }

        if (!TryParseArguments(arguments, out var maxCandidates, out var problem))
        {
            await _error.WriteLineAsync($"titles: {problem} Run 'titles --help' for usage.".AsMemory(), cancellationToken);
            return 2;
        }

        if (_catalog.Movies.Count == 0)
        {
            await _error.WriteLineAsync($"titles: the catalog '{_catalog.Name}' is empty, so no title can be resolved. Set Catalog:MovieLensPath to a MovieLens folder that contains movies.".AsMemory(), cancellationToken);
            return 1;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        while (await _input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var lookup = _index.Lookup(line.Trim(), maxCandidates);
            buffer.ResetWrittenCount();
            WriteJson(buffer, lookup);
            await _output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken);
        }

        await _output.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>Writes one lookup as a single-line JSON object in the command's output format.</summary>
    public static void WriteJson(IBufferWriter<byte> destination, TitleLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(lookup);
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("query", lookup.Query);
        writer.WriteString("status", StatusName(lookup.Status));
        writer.WriteStartArray("candidates");
        foreach (var candidate in lookup.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteNumber("movieId", candidate.Movie.Id);
            writer.WriteString("title", candidate.Movie.Title);
            if (candidate.Movie.Year is { } year)
            {
                writer.WriteNumber("year", year);
            }
            else
            {
                writer.WriteNull("year");
            }

            writer.WriteNumber("score", Math.Round(candidate.Score, 3));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string StatusName(TitleMatchStatus status) => status switch
    {
        TitleMatchStatus.Match => "match",
        TitleMatchStatus.Ambiguous => "ambiguous",
        _ => "none",
    };

    private static bool TryParseArguments(IReadOnlyList<string> arguments, out int maxCandidates, out string problem)
    {
        maxCandidates = DefaultMaxCandidates;
        problem = string.Empty;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] != "--max")
            {
                problem = $"unknown argument '{arguments[i]}'.";
                return false;
            }

            if (i + 1 >= arguments.Count
                || !int.TryParse(arguments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out maxCandidates)
                || maxCandidates is < 1 or > 50)
            {
                problem = $"--max needs a whole number from 1 to 50{(i + 1 < arguments.Count ? $", not '{arguments[i + 1]}'" : string.Empty)}.";
                return false;
            }

            i++;
        }

        return true;
    }
}
