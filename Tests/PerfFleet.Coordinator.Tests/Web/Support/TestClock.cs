namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// A clock the test sets by hand, so "ago" texts and session expiry are deterministic.
/// (Kept here because PerfFleet.Testing/Time/ManualTimeProvider belongs to another part.)
/// </summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
