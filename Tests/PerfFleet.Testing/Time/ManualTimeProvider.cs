namespace PerfFleet.Testing.Time;

/// <summary>
/// A clock tests move by hand (Microsoft.Extensions.TimeProvider.Testing cannot be restored here).
/// Timers are not supported: code under test that needs them should get a real TimeProvider.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (gate)
        {
            now += by;
        }
    }
}
