using ChatBot.Channels.Telegram.Sending;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class FloodGateTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task WaitAsync_SecondMessageToSameChat_WaitsForTheInterval()
    {
        var gate = new FloodGate(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 30, _time);

        await gate.WaitAsync(42, CancellationToken.None);
        var second = gate.WaitAsync(42, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var completedEarly = second.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await second;

        Assert.False(completedEarly);
    }

    [Fact]
    public async Task WaitAsync_GroupChat_UsesTheGroupInterval()
    {
        var gate = new FloodGate(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 30, _time);

        await gate.WaitAsync(-100, CancellationToken.None);
        var second = gate.WaitAsync(-100, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var completedAfterTwoSeconds = second.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        await second;

        Assert.False(completedAfterTwoSeconds);
    }

    [Fact]
    public async Task WaitAsync_DifferentChats_DoNotWaitForEachOther()
    {
        var gate = new FloodGate(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 1000, _time);

        await gate.WaitAsync(1, CancellationToken.None);
        var sameChat = gate.WaitAsync(1, CancellationToken.None);
        var otherChat = gate.WaitAsync(2, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        await otherChat.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(sameChat.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_MoreThanGlobalRate_SpreadsMessagesOverTheSecond()
    {
        var gate = new FloodGate(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 30, _time);

        var waits = Enumerable.Range(1, 31).Select(chat => gate.WaitAsync(chat, CancellationToken.None)).ToList();
        var completedAtOnce = waits.Count(w => w.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(waits.Take(16)).WaitAsync(TimeSpan.FromSeconds(5));
        var laterPending = waits.Skip(16).All(w => !w.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, completedAtOnce);
        Assert.True(laterPending);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsOperationCanceled()
    {
        var gate = new FloodGate(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 30, _time);
        using var cancellation = new CancellationTokenSource();

        await gate.WaitAsync(42, CancellationToken.None);
        var second = gate.WaitAsync(42, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }
}
