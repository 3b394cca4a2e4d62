using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// The history chart's x axis: baseline k (in ancestry order, oldest first) at x = k, labelled
/// with its commit; a test run at x = k + 0.5 where k is the baseline that had finished last
/// (by the clock) when the test finished, so it reads "measured against what master was then";
/// -0.5 when no baseline had finished yet.
/// </summary>
internal sealed class CommitAxis
{
    private readonly List<HistoryRun> _ancestryOrder;
    private readonly Dictionary<Guid, int> _positions;

    private CommitAxis(List<HistoryRun> ancestryOrder)
    {
        _ancestryOrder = ancestryOrder;
        _positions = ancestryOrder.Select((run, index) => (run.Id, index)).ToDictionary(p => p.Id, p => p.index);
    }

    public static CommitAxis Of(IEnumerable<HistoryRun> runs) =>
        new([.. Baselines.OldestFirst(runs.Where(r => r.Kind == LoadTestKind.Baseline), r => r.CommitSequence, r => r.FinishedAt)]);

    /// <summary>Where a baseline run (by id) sits; a run that is not a baseline of this history sits at the end.</summary>
    public double X(Guid baselineId) => _positions.TryGetValue(baselineId, out var index) ? index : _ancestryOrder.Count;

    public double X(HistoryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_positions.TryGetValue(run.Id, out var index))
        {
            return index;
        }

        var newestThen = _ancestryOrder.Where(b => b.FinishedAt <= run.FinishedAt).MaxBy(b => b.FinishedAt);
        return newestThen is null ? -0.5 : _positions[newestThen.Id] + 0.5;
    }

    /// <summary>The short commit of the baseline nearest <paramref name="x"/> (ticks fall between points).</summary>
    public string Label(double x)
    {
        if (_ancestryOrder.Count == 0)
        {
            return string.Empty;
        }

        var index = (int)Math.Clamp(Math.Round(x), 0, _ancestryOrder.Count - 1);
        var commit = _ancestryOrder[index].Commit;
        return commit.Length > 7 ? commit[..7] : commit;
    }
}
