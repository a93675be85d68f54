using System.Diagnostics.Metrics;

namespace ChatBot.Core.Hosting;

/// <summary>
/// The bot's metrics (meter "ChatBot"), exported in Prometheus format when the health endpoint is on.
/// Every instrument is tagged with the channel ("console", "telegram", "discord") or the generator.
/// </summary>
public sealed class ChatBotMetrics
{
    public const string MeterName = "ChatBot";

    // Bucket bounds in seconds for every duration histogram. Without them OpenTelemetry uses its
    // default bounds (0, 5, 10, 25 ... 10000), which suit milliseconds and put every reply in one bucket.
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
    };

    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Histogram<double> _replyDuration;
    private readonly Histogram<double> _generatorDuration;
    private readonly Counter<long> _generatorFallbacks;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitWaitDuration;
    private readonly Counter<long> _reconnects;

    public ChatBotMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("chatbot.messages.received", "{message}", "Messages received from people, per channel.");
        _sent = meter.CreateCounter<long>("chatbot.messages.sent", "{message}", "Replies sent to people, per channel.");
        _replyDuration = meter.CreateHistogram<double>("chatbot.reply.duration", "s", "Time from receiving a message to having its reply, per channel.", tags: null, advice: SecondsAdvice);
        _generatorDuration = meter.CreateHistogram<double>("chatbot.generator.duration", "s", "Time the reply generator took, per generator.", tags: null, advice: SecondsAdvice);
        _generatorFallbacks = meter.CreateCounter<long>("chatbot.generator.fallbacks", "{reply}", "Replies written by templates because the configured generator failed or timed out.");
        _rateLimitWaits = meter.CreateCounter<long>("chatbot.ratelimit.waits", "{wait}", "Times a channel waited for a platform rate limit.");
        _rateLimitWaitDuration = meter.CreateHistogram<double>("chatbot.ratelimit.wait.duration", "s", "How long channels waited for platform rate limits.", tags: null, advice: SecondsAdvice);
        _reconnects = meter.CreateCounter<long>("chatbot.channel.reconnects", "{reconnect}", "Reconnects of a channel to its platform, per reason.");
    }

    public void MessageReceived(string channel) => _received.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void MessageSent(string channel) => _sent.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void ReplyCompleted(string channel, TimeSpan duration) =>
        _replyDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));

    public void GeneratorCompleted(string generator, TimeSpan duration) =>
        _generatorDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("generator", generator));

    public void GeneratorFellBack(string generator) => _generatorFallbacks.Add(1, new KeyValuePair<string, object?>("generator", generator));

    public void RateLimitWaited(string channel, TimeSpan wait)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        _rateLimitWaits.Add(1, tag);
        _rateLimitWaitDuration.Record(wait.TotalSeconds, tag);
    }

    public void Reconnected(string channel, string reason) =>
        _reconnects.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));
}
