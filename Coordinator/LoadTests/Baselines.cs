using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Which baseline of a repository and scenario runs are compared with, and the one order of a
/// branch's baselines: by ancestry (the commit's first-parent depth, which the worker that ran it
/// reported as <see cref="LoadTestEntity.CommitSequence"/>), then by FinishedAt between runs of
/// one commit. A run whose depth is unknown (results from before workers reported it) sorts before
/// every run whose depth is known, among its like by FinishedAt: with no depths at all the order
/// is FinishedAt, as it was. So a baseline measured late for an older commit (a bisection's) takes
/// its commit's place, not the newest.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// The pinned baseline if there is one, else the newest completed baseline (in ancestry order);
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
            ?? await NewestFirst(completed).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Baselines newest first in ancestry order (see the class).</summary>
    public static IOrderedQueryable<LoadTestEntity> NewestFirst(IQueryable<LoadTestEntity> baselines) =>
        baselines.OrderByDescending(t => t.CommitSequence != null).ThenByDescending(t => t.CommitSequence).ThenByDescending(t => t.FinishedAt);

    /// <summary>The same order in memory, oldest first, for runs already loaded.</summary>
    public static IOrderedEnumerable<T> OldestFirst<T>(IEnumerable<T> runs, Func<T, long?> commitSequence, Func<T, DateTimeOffset?> finishedAt) =>
        runs.OrderBy(r => commitSequence(r) is not null).ThenBy(r => commitSequence(r) ?? 0).ThenBy(finishedAt);

    /// <summary>
    /// Those of <paramref name="baselines"/> before a commit at <paramref name="commitSequence"/> in
    /// ancestry order: a lower depth, or an unknown one (older by the rule above).
    /// </summary>
    public static IQueryable<LoadTestEntity> Before(IQueryable<LoadTestEntity> baselines, long commitSequence) =>
        baselines.Where(t => t.CommitSequence == null || t.CommitSequence < commitSequence);

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
