using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class OutboxRetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1, 0.0, 5)]      // half of base, no jitter
    [InlineData(1, 0.5, 7.5)]
    [InlineData(2, 0.0, 10)]     // doubles per attempt
    [InlineData(3, 0.0, 20)]
    [InlineData(4, 0.999, 79.96)]
    public void NextDelay_Attempt_GrowsExponentiallyWithJitter(int attempt, double jitter, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, OutboxRetryPolicy.NextDelay(attempt, Base, Max, jitter).TotalSeconds, 2);
    }

    [Fact]
    public void NextDelay_ManyAttempts_CappedAtMaximumWithoutOverflow()
    {
        var delay = OutboxRetryPolicy.NextDelay(10_000, Base, Max, 0.999);

        Assert.True(delay <= Max, delay.ToString());
        Assert.True(delay >= Max / 2, delay.ToString());
    }

    [Fact]
    public void NextDelay_GitHubAskedForLonger_HonoursRetryAfter()
    {
        var asked = TimeSpan.FromHours(1);

        Assert.Equal(asked, OutboxRetryPolicy.NextDelay(1, Base, Max, 0.3, asked));
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxRetryPolicy.NextDelay(1, Base, Max, 0, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void NextDelay_JitterSpreadsItemsFailingTogether()
    {
        var random = new Random(3);
        var delays = Enumerable.Range(0, 50).Select(_ => OutboxRetryPolicy.NextDelay(3, Base, Max, random.NextDouble())).Distinct().Count();

        Assert.True(delays > 40, $"{delays} distinct delays");
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void NextDelay_InvalidArguments_Throw(int attempt, double jitter)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => OutboxRetryPolicy.NextDelay(attempt, Base, Max, jitter));
    }
}
