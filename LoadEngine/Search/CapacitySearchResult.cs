namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// The result of a capacity search: the knee (the highest rate that met the SLO, null when even the
/// lowest failed), every probe in the order run (the latency-vs-rate curve), how the search ended,
/// the lowest failing rate (null when none failed) and a sentence saying what the knee means.
/// </summary>
public sealed record CapacitySearchResult(double? Knee, IReadOnlyList<CapacityProbe> Probes, CapacitySearchOutcome Outcome)
{
    public double? LowestFailing { get; init; }

    public required string Reason { get; init; }
}
