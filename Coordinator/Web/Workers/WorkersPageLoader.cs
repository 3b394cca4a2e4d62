using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>Reads the workers, their running tests and the leadership row.</summary>
internal sealed class WorkersPageLoader(IDbContextFactory<PerfFleetDbContext> contexts, IOptions<WebUiOptions> options, TimeProvider timeProvider)
{
    private static readonly LoadTestStatus[] Terminal = [LoadTestStatus.Completed, LoadTestStatus.Stopped, LoadTestStatus.Failed];

    public async Task<WorkersPageModel> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var tests = await db.LoadTests.AsNoTracking()
            .Where(t => t.AssignedWorker != null && !Terminal.Contains(t.Status))
            .Select(t => new { t.AssignedWorker, Test = new WorkerTest(t.Id, t.Repository, t.Commit, t.Status, t.ProgressPhase) })
            .ToListAsync(cancellationToken);
        var leadership = await db.Leadership.AsNoTracking().FirstOrDefaultAsync(l => l.Id == LeadershipEntity.SingletonId, cancellationToken);

        var now = timeProvider.GetUtcNow();
        var staleAfter = TimeSpan.FromSeconds(options.Value.StaleHeartbeatSeconds);
        var byWorker = tests.ToLookup(t => t.AssignedWorker!, t => t.Test, StringComparer.Ordinal);
        var rows = workers.Select(w => new WorkerRow(w, [.. byWorker[w.Id]], now - w.LastHeartbeatAt > staleAfter)).ToList();
        return new WorkersPageModel(rows, leadership, now);
    }
}
