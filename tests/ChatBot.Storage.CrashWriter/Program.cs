using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: ChatBot.Storage.CrashWriter DATABASE_PATH
// Writes ratings for movie ids 1, 2, 3, ... forever and prints "confirmed N" after the store returned
// for movie N, which is the moment the bot would tell the person the rating is saved. The test kills
// this process with SIGKILL at an arbitrary point and checks every confirmed rating survived.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ChatBot.Storage.CrashWriter DATABASE_PATH");
    return 2;
}

var database = new ChatBotDatabase(args[0], NullLogger<ChatBotDatabase>.Instance);
var people = new LitePersonStore(database);
var ratings = new LiteRatingStore(database);
var person = people.GetOrCreate(new PlatformIdentity("discord", "987654321098765432"));
Console.WriteLine($"person {person.Id}");
for (var movieId = 1; ; movieId++)
{
    ratings.Upsert(person.Id, movieId, Stars.FromHalfStars(1 + (movieId % 10)), DateTimeOffset.UtcNow);
    Console.WriteLine($"confirmed {movieId}");
}
