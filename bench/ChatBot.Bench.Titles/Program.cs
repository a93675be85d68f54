using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
var index = new TitleIndex(catalog);
string? line;
while ((line = Console.ReadLine()) is not null)
{
    if (line.StartsWith("m:"))
    {
        foreach (var m in index.ExtractMentions(line[2..]))
        {
            Console.WriteLine($"  [{m.Text}] -> {m.Movie.DisplayTitle} {m.Confidence:0.00} {m.Sentiment}");
        }
        continue;
    }
    var r = index.Lookup(line);
    Console.WriteLine($"{line} => {r.Status}");
    foreach (var c in r.Candidates)
    {
        Console.WriteLine($"  {c.Movie.Id} {c.Movie.DisplayTitle} {c.Score:0.000} via '{c.MatchedTitle}'");
    }
}
