using System.Diagnostics;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// Real time that starts at a fixed instant: timers and delays really elapse (the retry tests
/// measure the wait), while "now" is predictable for headers such as x-ratelimit-reset.
/// </summary>
internal sealed class ShiftedSystemTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public override DateTimeOffset GetUtcNow() => start + elapsed.Elapsed;
}
