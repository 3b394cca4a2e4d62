namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// How long each probe of a capacity search loads the system: <paramref name="Warmup"/> first (not
/// measured: it lets a queue left by the previous, faster probe drain and a rate limiter's burst
/// empty), then the measured <paramref name="Step"/>.
/// </summary>
public sealed record CapacityStepTiming(TimeSpan Step, TimeSpan Warmup)
{
    public static CapacityStepTiming Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
