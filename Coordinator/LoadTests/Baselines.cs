using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Which baseline of a repository and scenario runs are compared with.</summary>
public static class Baselines
{
    /// <summary>
    /// The pinned baseline if there is one, else the newest completed baseline (by FinishedAt);
    /// null when the repository and scenario have none. An empty <paramref name="scenario"/> is
    /// the repository's only scenario, as stored (null).
    /// </summary>
    public static async Task<LoadTestEntity?> CurrentAsync(PerfFleetDbContext context, string repository, string? scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(repository);
        var completed = Completed(context, repository, scenario);

        // A pin survives only on a completed baseline (pinning checks it), but a pinned row whose
        // status changed later must not win over the newest one.
        return await Pinned(completed).FirstOrDefaultAsync(cancellationToken)
            ?? await completed.OrderByDescending(t => t.FinishedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The pinned ones among <paramref name="baselines"/>, newest first: pinning keeps one per
    /// repository and scenario, and should two ever be left, the newer one counts.
    /// </summary>
    public static IQueryable<LoadTestEntity> Pinned(IQueryable<LoadTestEntity> baselines) =>
        baselines.Where(t => t.PinnedBaseline).OrderByDescending(t => t.FinishedAt);

    /// <summary>The completed baselines of a repository and scenario, untracked.</summary>
    public static IQueryable<LoadTestEntity> Completed(PerfFleetDbContext context, string repository, string? scenario)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = string.IsNullOrEmpty(scenario) ? null : scenario;
        return context.LoadTests.AsNoTracking()
            .Where(t => t.Repository == repository && t.Scenario == stored && t.Kind == LoadTestKind.Baseline && t.Status == LoadTestStatus.Completed);
    }
}
