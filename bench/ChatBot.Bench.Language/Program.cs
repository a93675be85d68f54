using ChatBot.Bench.Language;

// Usage:
//   ChatBot.Bench.Language train OUTPUT_DIR [train-lm options]   trains the default model through the train-lm verb
//   ChatBot.Bench.Language measure MODEL_DIR [--prompts N]       speed, perplexity and grounding of a trained model
//   ChatBot.Bench.Language gpt2-small                            speed of a GPT-2-small-shaped model with random weights
//   ChatBot.Bench.Language serve MODEL_DIR [--callers N] [--seconds S] [--max-batch-size B] [--parallel-batches P] [--window-ms W] [--history D]
//                                                                replies/s and latency of the batched local generator under N closed-loop callers
//   --threads N anywhere sets TorchSharp's intra-op thread count (train passes it on to train-lm as well).
var threadsAt = Array.IndexOf(args, "--threads");
if (threadsAt >= 0 && threadsAt + 1 < args.Length)
{
    TorchSharp.torch.set_num_threads(int.Parse(args[threadsAt + 1], System.Globalization.CultureInfo.InvariantCulture));
    if (args[0] != "train")
    {
        args = [.. args[..threadsAt], .. args[(threadsAt + 2)..]];
    }
}

return args.Length == 0 ? Usage() : args[0] switch
{
    "train" when args.Length >= 2 => await Benchmarks.TrainAsync(args[1], args[2..]),
    "measure" when args.Length >= 2 => Benchmarks.Measure(args[1], args[2..]),
    "gpt2-small" => Benchmarks.MeasureGpt2Small(),
    "serve" when args.Length >= 2 => await ServeBenchmark.RunAsync(args[1], args[2..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChatBot.Bench.Language train OUTPUT_DIR [train-lm options] | measure MODEL_DIR [--prompts N] | gpt2-small | serve MODEL_DIR [--callers N] [--seconds S] [--max-batch-size B] [--parallel-batches P] [--window-ms W] [--history D]");
    return 2;
}
