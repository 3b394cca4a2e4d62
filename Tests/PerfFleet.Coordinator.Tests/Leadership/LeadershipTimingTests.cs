using PerfFleet.Coordinator.Leadership;

namespace PerfFleet.Coordinator.Tests.Leadership;

public sealed class LeadershipTimingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void DelayToNextCheck_CheckTookPartOfInterval_WaitsTheRest() =>
        Assert.Equal(TimeSpan.FromMilliseconds(380), LeadershipTiming.DelayToNextCheck(Interval, Start, Start.AddMilliseconds(120)));

    [Fact]
    public void DelayToNextCheck_CheckTookLongerThanInterval_ChecksAtOnce() =>
        Assert.Equal(TimeSpan.Zero, LeadershipTiming.DelayToNextCheck(Interval, Start, Start.AddSeconds(3)));

    [Fact]
    public void DelayToNextCheck_ClockJumpedBack_WaitsOneIntervalNotTheJump() =>
        Assert.Equal(Interval, LeadershipTiming.DelayToNextCheck(Interval, Start, Start.AddHours(-1)));

    [Theory]
    [InlineData(100, 500)]
    [InlineData(500, 1500)]
    [InlineData(5000, 2000)]
    public void CheckTimeout_Interval_IsThreeIntervalsClampedToHalfASecondAndTwoSeconds(int intervalMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), LeadershipTiming.CheckTimeout(TimeSpan.FromMilliseconds(intervalMs)));

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 2000)]
    [InlineData(2, 4000)]
    [InlineData(3, 5000)]
    [InlineData(1000, 5000)]
    public void RetryDelay_ConsecutiveErrors_DoublesUpToTheCap(int errors, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            LeadershipTiming.RetryDelay(TimeSpan.FromSeconds(1), errors, TimeSpan.FromSeconds(5)));

    [Fact]
    public void RetryDelay_CapBelowInterval_NeverRetriesFasterThanTheInterval() =>
        Assert.Equal(TimeSpan.FromSeconds(1), LeadershipTiming.RetryDelay(TimeSpan.FromSeconds(1), 4, TimeSpan.FromMilliseconds(100)));
}
