using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Telemetry;

/// <summary>Reads the <see cref="FleetSnapshot"/> every few seconds for the gauges.</summary>
internal sealed partial class FleetSnapshotRefresher(
    PerfFleetDatabase database,
    IDbContextFactory<PerfFleetDbContext> contexts,
    CoordinatorMetrics metrics,
    TimeProvider time,
    ILogger<FleetSnapshotRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WaitUntilReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.Update(await ReadAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Metrics must never take the coordinator down; the next round tries again.
                RefreshFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<FleetSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var byStatus = await context.LoadTests.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var pending = await context.ReportOutbox.LongCountAsync(r => r.DoneAt == null, cancellationToken);
        var retrying = await context.ReportOutbox.LongCountAsync(r => r.DoneAt == null && r.Attempts > 0, cancellationToken);
        var heartbeats = await context.Workers.Select(w => new { w.Id, w.LastHeartbeatAt }).ToListAsync(cancellationToken);
        return new FleetSnapshot(
            byStatus.ToDictionary(s => StorageNaming.ToSnakeCase(s.Key.ToString()), s => s.Count),
            pending,
            retrying,
            heartbeats.ToDictionary(h => h.Id, h => h.LastHeartbeatAt));
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Reading the fleet snapshot for /metrics failed")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
