using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// A metric's row before its verdict: the verdict waits for the run's correction over all its
/// metrics, which needs every metric's p-value first. <see cref="Evidence"/> is null for a row
/// that is already final (an error, no baseline, a gone container). <see cref="Note"/> is added
/// to the message (samples that had to be skipped); <see cref="InconclusiveHint"/> only when the
/// verdict is inconclusive (what would settle it).
/// </summary>
internal sealed record PendingMetric(MetricComparison Row, MetricSpec Spec, IChangeEvidence? Evidence, string Note = "", string InconclusiveHint = "")
{
    public static PendingMetric Final(MetricComparison row, MetricSpec spec) => new(row, spec, null);

    public static PendingMetric Final(MetricSpec spec, Verdict verdict, string reason) =>
        new(MetricComparer.NotCompared(spec, verdict, reason), spec, null);
}
