using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// A pull request's life cycle reaches its runs: a new head supersedes the runs of the older
/// heads, and closing the pull request ends them all. Results of a head nobody will merge only
/// cost machine time, and a stale run finishing after the new one would post its status and
/// comment over the newer verdict. Each stop is <see cref="LoadTestStateChanges.StopAsync"/>: a
/// queued test is stopped at once (its commit status says why), a running one becomes stopping
/// and its worker learns it from its next heartbeat — no call to a worker here, so a webhook
/// answers within GitHub's 10 s even when a worker is unreachable.
/// </summary>
public sealed class PullRequestRuns(IDbContextFactory<PerfFleetDbContext> contexts, LoadTestStateChanges stateChanges)
{
    /// <summary>
    /// Stops the active runs of pull request <paramref name="pullRequest"/> of
    /// <paramref name="repository"/> at any commit but <paramref name="keepCommit"/> (all of them when
    /// it is null), follow-ups and re-runs included. Returns the ids it stopped.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StopAsync(string repository, int pullRequest, string? keepCommit, string reason, CancellationToken cancellationToken)
    {
        List<Guid> active;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
        {
            active = await context.LoadTests.AsNoTracking()
                .Where(t => t.Repository == repository && t.PullRequest == pullRequest && t.Kind == LoadTestKind.Test
                    && ActiveTestKey.Active.Contains(t.Status) && (keepCommit == null || t.Commit != keepCommit))
                .OrderBy(t => t.CreatedAt)
                .Select(t => t.Id)
                .ToListAsync(cancellationToken);
        }

        var stopped = new List<Guid>(active.Count);
        foreach (var id in active)
        {
            // StopAsync locks the row and leaves a test that finished meanwhile as it is.
            var test = await stateChanges.StopAsync(id, reason, cancellationToken);
            if (test.StatusReason == reason && test.Status is LoadTestStatus.Stopped or LoadTestStatus.Stopping)
            {
                stopped.Add(id);
            }
        }

        return stopped;
    }
}
