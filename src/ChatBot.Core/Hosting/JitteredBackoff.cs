namespace ChatBot.Core.Hosting;

/// <summary>Capped exponential backoff with jitter, shared by the channels' retry policies.</summary>
public static class JitteredBackoff
{
    /// <summary>
    /// Returns a random delay between half and all of min(<paramref name="maximum"/>, <paramref name="initial"/> × 2^<paramref name="attempt"/>).
    /// The lower bound keeps a retry from reaching a failing server almost at once.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan maximum, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Clamp(attempt, 0, 30);
        var ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() * 0.5)));
    }
}
