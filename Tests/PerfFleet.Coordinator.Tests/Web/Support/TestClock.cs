namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// A clock the test sets by hand, so "ago" texts and session expiry are deterministic, while
/// timers run on real time: the whole coordinator host runs on it, and its background services
/// must keep ticking (a FakeTimeProvider would stop every timer until the test advanced it).
/// </summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
