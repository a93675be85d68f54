using System.Diagnostics;
using System.Globalization;
using ChatBot.Recommendations.Evaluation;
using ChatBot.Recommendations.Factorization;
using ChatBot.TestSupport;

if (Environment.GetEnvironmentVariable("THREADS") is { } threads) { TorchSharp.torch.set_num_threads(int.Parse(threads)); }
if (args[0] == "topn") { TopNExperiment.Run(args.Skip(1).ToArray()); return; }
var options = new RatingModelOptions();
foreach (var arg in args.Skip(1))
{
    var parts = arg.Split('=');
    var property = typeof(RatingModelOptions).GetProperty(parts[0])!;
    property.SetValue(options, property.PropertyType.IsEnum ? Enum.Parse(property.PropertyType, parts[1]) : Convert.ChangeType(parts[1], property.PropertyType, CultureInfo.InvariantCulture));
}

var folds = args.Length > 0 ? args[0].Split(',') : ["u1", "u2", "u3", "u4", "u5"];
double total = 0;
foreach (var fold in folds)
{
    var split = RatingSplit.ReadMl100k(TestData.MovieLens100k, fold);
    var stopwatch = Stopwatch.StartNew();
    var ratings = split.Train.Ratings;
    var random = new Random(7);
    var isValidation = Enumerable.Range(0, ratings.Count).Select(_ => random.NextDouble() < options.ValidationFraction).ToArray();
    var train = ratings.Where(k => !isValidation[k]);
    var validation = ratings.Where(k => isValidation[k]);
    var model = new FactorTrainer(options, 42).Train(train, validation, new Progress(), CancellationToken.None).Model;
    var trained = stopwatch.Elapsed;
    double squared = 0;
    for (var user = 0; user < ratings.UserCount; user++)
    {
    }

    var people = new Dictionary<int, PersonFactors>();
    for (var k = 0; k < split.TestStars.Length; k++)
    {
        var user = split.TestUsers[k];
        if (!people.TryGetValue(user, out var person))
        {
            person = model.FoldIn(ratings.ItemsOf(user), ratings.StarsOf(user));
            people[user] = person;
        }

        var item = split.Train.Items.IndexOf(split.TestMovieIds[k]);
        var prediction = item >= 0 ? model.Predict(person, item) : model.PredictUnknownItem(person);
        squared += Math.Pow(prediction - split.TestStars[k], 2);
    }

    var rmse = Math.Sqrt(squared / split.TestStars.Length);
    total += rmse;
    Console.WriteLine($"{fold}: RMSE {rmse:F4} train {trained.TotalSeconds:F1}s total {stopwatch.Elapsed.TotalSeconds:F1}s samples {model.Samples.Count}");
}

Console.WriteLine($"mean {total / folds.Length:F4} {string.Join(' ', args.Skip(1))}");

sealed class Progress : IProgress<ChatBot.Recommendations.Training.TrainingProgress>
{
    public void Report(ChatBot.Recommendations.Training.TrainingProgress value)
    {
        if (value.Epoch % 20 == 0 || Environment.GetEnvironmentVariable("VERBOSE") == "1")
        {
            Console.WriteLine($"  {value.Epoch}: train {value.TrainRmse:F4} val {value.ValidationRmse:F4}");
        }
    }
}
