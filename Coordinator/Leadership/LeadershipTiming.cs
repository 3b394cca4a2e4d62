namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// The leadership loop's timing as pure functions (quartznet's ComputeTimeToSleep style), so
/// that clock jumps and back-off are unit-tested without waiting.
/// </summary>
public static class LeadershipTiming
{
    /// <summary>
    /// Delay before the next lock check: the interval minus the time the last check took,
    /// never negative, never more than the interval (a clock that jumped back must not stall checks).
    /// </summary>
    public static TimeSpan DelayToNextCheck(TimeSpan interval, DateTimeOffset lastCheckStarted, DateTimeOffset now)
    {
        var elapsed = now - lastCheckStarted;
        if (elapsed < TimeSpan.Zero)
        {
            return interval;
        }

        var remaining = interval - elapsed;
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
    }

    /// <summary>
    /// How long one check may take before it counts as failed: long enough for a busy server,
    /// short enough that a hung connection is noticed well within the 3 s fail-over target.
    /// </summary>
    public static TimeSpan CheckTimeout(TimeSpan interval)
    {
        var timeout = interval * 3;
        var floor = TimeSpan.FromMilliseconds(500);
        var ceiling = TimeSpan.FromSeconds(2);
        return timeout < floor ? floor : timeout > ceiling ? ceiling : timeout;
    }

    /// <summary>
    /// Delay before a follower's next attempt: the retry interval, or less when the leader's lease
    /// runs out sooner (just after it does, so a frozen leader is replaced as soon as allowed);
    /// never under 50 ms, so a lease that ran out without a session to end does not spin.
    /// </summary>
    public static TimeSpan FollowerDelay(TimeSpan retryInterval, TimeSpan? leaseRemaining)
    {
        var floor = TimeSpan.FromMilliseconds(50);
        if (leaseRemaining is not { } remaining)
        {
            return retryInterval;
        }

        var untilExpiry = remaining + floor;
        return untilExpiry < floor ? floor : untilExpiry < retryInterval ? untilExpiry : retryInterval;
    }
}
