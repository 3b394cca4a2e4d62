namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// When to try an outbox item again: exponential backoff (base x 2^(attempt-1), capped) with
/// "equal jitter" (half fixed, half random) so that many items failing together in an outage do
/// not all come back in the same second; never sooner than GitHub's own Retry-After.
/// Pure: the random part is passed in.
/// Not a Polly pipeline: this retry is durable. Its wait is the row's next-attempt time, which
/// must outlive a restart of the process and be taken up by the next leader, while a pipeline
/// waits in memory within one call (the call's own retries are <see cref="GitHubApi"/>'s).
/// </summary>
public static class OutboxRetryPolicy
{
    /// <param name="attempt">The number of the attempt that just failed, from 1.</param>
    /// <param name="baseDelay">The delay after the first failure, before jitter.</param>
    /// <param name="maxDelay">The cap of the exponential part.</param>
    /// <param name="jitter">A random value in [0, 1).</param>
    /// <param name="requested">GitHub's Retry-After, when it gave one.</param>
    public static TimeSpan NextDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, TimeSpan? requested = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);

        // 2^30 x any sane base is past every cap: stop doubling there to avoid overflow.
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * jitter));
        return requested is { } asked && asked > jittered ? asked : jittered;
    }
}
