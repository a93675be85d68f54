using System.Globalization;
using ChatBot.Bench.Discord;

// Soak test of the Discord channel: rounds of direct messages while the fake Discord injects one fault per
// round, checking that every message is handled and replied to exactly once and that memory stays flat.
// Usage: dotnet run -c Release --project bench/ChatBot.Bench.Discord -- [minutes] [messagesPerRound]
var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var messagesPerRound = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
if (minutes is <= 0 or > 30 || messagesPerRound is < 3 or > 1000)
{
    Console.Error.WriteLine("Usage: ChatBot.Bench.Discord [minutes 0-30] [messagesPerRound 3-1000]");
    return 2;
}

var soak = await SoakRun.StartAsync(messagesPerRound);
var result = await soak.RunAsync(TimeSpan.FromMinutes(minutes));
await soak.DisposeAsync();

Console.WriteLine(result.ToMarkdown());
return result.Passed ? 0 : 1;
