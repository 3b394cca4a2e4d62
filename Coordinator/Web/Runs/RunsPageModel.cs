using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>Everything the runs page shows, computed before rendering.</summary>
internal sealed record RunsPageModel(RunsFilter Filter, IReadOnlyList<RunListItem> Runs, int TotalCount, int PageSize, DateTimeOffset Now)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>True while any shown test can still change: the page then polls for updates.</summary>
    public bool AnyMoving => Runs.Any(r => !TestStateMachine.IsTerminal(r.Status));

    /// <summary>How long the run took, or has been running so far.</summary>
    public TimeSpan? DurationOf(RunListItem run) => run.StartedAt is null
        ? null
        : (run.FinishedAt ?? Now) - run.StartedAt.Value;
}
