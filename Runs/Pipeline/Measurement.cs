using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Stacks;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// What one stack's measurement has got to so far: an unpaired run has one, a paired run one per
/// repetition. Partial results stay, so a run that fails late still reports what it measured.
/// </summary>
internal sealed class Measurement(DateTimeOffset started)
{
    public DateTimeOffset Started { get; } = started;

    /// <summary>The stack while it is up; null once torn down.</summary>
    public IRunningStack? Stack { get; set; }

    public DateTimeOffset? WindowStart { get; set; }

    public DateTimeOffset? WindowEnd { get; set; }

    public LoadSummary? Summary { get; set; }

    public IReadOnlyList<QueryResult> Queries { get; set; } = [];

    public IReadOnlyList<ResourceSeries> Resources { get; set; } = [];
}
