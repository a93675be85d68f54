namespace ChatBot.Channels.Telegram.Tests;

public sealed class TelegramRetryTests
{
    [Theory]
    [InlineData(0, 0.5, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(3, 4, 8)]
    [InlineData(10, 15, 30)]
    public void Backoff_Attempt_StaysWithinHalfAndFullDelay(int attempt, double minSeconds, double maxSeconds)
    {
        for (var i = 0; i < 200; i++)
        {
            var delay = TelegramRetry.Backoff(attempt, TimeSpan.FromSeconds(30));

            Assert.InRange(delay.TotalSeconds, minSeconds, maxSeconds);
        }
    }
}
