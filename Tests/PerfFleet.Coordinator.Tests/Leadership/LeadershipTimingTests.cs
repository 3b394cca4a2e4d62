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

    [Fact]
    public void FollowerDelay_NoLeaderYet_WaitsTheRetryInterval() =>
        Assert.Equal(TimeSpan.FromSeconds(1), LeadershipTiming.FollowerDelay(TimeSpan.FromSeconds(1), null));

    [Theory]
    [InlineData(5000, 1000)]
    [InlineData(300, 350)]
    [InlineData(-20, 50)]
    [InlineData(-5000, 50)]
    public void FollowerDelay_LeaseRunning_WaitsUntilJustAfterItRunsOutAtMostTheInterval(int remainingMs, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            LeadershipTiming.FollowerDelay(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(remainingMs)));
}
