using PerfFleet.LoadEngine.Search;

namespace PerfFleet.LoadEngine.Tests.Search;

/// <summary>
/// Deterministic stand-ins for a system under test: what a probe at a rate would measure, and the
/// true limit under the SLO (p99 50 ms, errors 1 %) the tests search with.
/// </summary>
internal sealed record TargetModel(string Name, Func<double, CapacityMeasurement> Measure, double TrueLimit)
{
    public static readonly CapacitySlo Slo = new(50, 0.01);

    /// <summary>Answers every request in 2 ms and refuses the share above <paramref name="n"/>/s (429s): errors reach 1 % at n / 0.99.</summary>
    public static TargetModel Refusing(double n) =>
        new($"refusing above {n}/s", r => new CapacityMeasurement(2, r <= n ? 0 : 1 - (n / r), r), n / 0.99);

    /// <summary>Serves at most <paramref name="n"/>/s; past it the queue grows, the p99 soars and the rate sent falls to n.</summary>
    public static TargetModel Saturating(double n) =>
        new($"saturating at {n}/s", r => new CapacityMeasurement(r <= n ? 4 : 4 + (2_000 * (r / n - 1)) + 60, 0, Math.Min(r, n)), n);

    /// <summary>
    /// An M/M/1-like p99, 5 ms / (1 − rate / capacity), that crosses 50 ms at 90 % of the capacity and
    /// never refuses or falls behind: only the latency shows the knee.
    /// </summary>
    public static TargetModel SlowingDown(double capacity) =>
        new($"slowing towards {capacity}/s", r => new CapacityMeasurement(r < capacity ? 5 / (1 - (r / capacity)) : 60_000, 0, r), capacity * 0.9);

    public override string ToString() => Name;
}
