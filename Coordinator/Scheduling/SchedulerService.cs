using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The leader's scheduler loop: while this coordinator leads, sweep lost workers, then claim
/// and dispatch Scheduled tests until none fits; wake on NOTIFY <see cref="SchedulingChannel.Name"/>
/// and every <see cref="SchedulingOptions.PollInterval"/> regardless. Everything stops the moment
/// the leadership term's token fires; every write is fenced by the term's epoch.
/// </summary>
public sealed class SchedulerService(
    PerfFleetDatabase database,
    ILeadership leadership,
    AssignmentClaimer claimer,
    WorkerLivenessSweep sweep,
    IWorkerDispatcher dispatcher,
    IOptions<SchedulingOptions> options,
    TimeProvider timeProvider,
    ILogger<SchedulerService> logger) : BackgroundService
{
    /// <summary>Bounds one pass so that a flood of refusals cannot keep the loop from sweeping.</summary>
    private const int MaxClaimsPerPass = 256;

    /// <summary>Tests claimed in one transaction; a batch is dispatched while the next is claimed.</summary>
    private const int ClaimBatchSize = 32;

    /// <summary>Worker.Start calls in flight at once; each is bounded in time by the dispatcher.</summary>
    private const int MaxConcurrentDispatches = 32;

    private readonly SchedulingOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WaitUntilReadyAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var term = await leadership.WaitForTermAsync(stoppingToken);
                using var termScope = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Lost);
                await RunTermAsync(term, termScope.Token);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>
    /// One pass: the liveness sweep, then claims until nothing more fits or the pass is full. Claims
    /// stay strictly in order (priority, then age) and are taken in batches of
    /// <see cref="ClaimBatchSize"/>; the Worker.Start calls they lead to run concurrently, at most
    /// <see cref="MaxConcurrentDispatches"/> at a time, so one slow worker does not hold up the others.
    /// </summary>
    /// <returns>True when the pass ended full rather than empty: more tests may fit right now.</returns>
    public async Task<bool> RunOnceAsync(long epoch, CancellationToken cancellationToken)
    {
        foreach (var swept in await sweep.SweepAsync(epoch, cancellationToken))
        {
            SchedulingLog.Swept(logger, swept.TestId, swept.WorkerId, swept.NewStatus, swept.Reason);
        }

        using var slots = new SemaphoreSlim(MaxConcurrentDispatches);
        var pass = new PassState();
        var dispatches = new List<Task>();
        var claimed = 0;
        var exhausted = false;
        try
        {
            while (claimed < MaxClaimsPerPass && !pass.Stale && !exhausted)
            {
                var wanted = Math.Min(ClaimBatchSize, MaxClaimsPerPass - claimed);
                var batch = await claimer.TryClaimBatchAsync(epoch, wanted, cancellationToken);
                claimed += batch.Count;
                exhausted = batch.Count < wanted;
                foreach (var assignment in batch)
                {
                    // A test claimed but never dispatched (cancelled here) stays Assigned until the
                    // worker's heartbeat past the Start grace gives it back (HeldTests), as when a leader dies.
                    await slots.WaitAsync(cancellationToken);
                    dispatches.Add(DispatchAsync(assignment, epoch, slots, pass, cancellationToken));
                }
            }
        }
        finally
        {
            // Every started dispatch is seen through (or fails) before the pass ends.
            await Task.WhenAll(dispatches.Select(d => d.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        await Task.WhenAll(dispatches); // a failed dispatch fails the pass
        return !exhausted && !pass.Stale;
    }

    private async Task DispatchAsync(ClaimedAssignment assignment, long epoch, SemaphoreSlim slots, PassState pass, CancellationToken cancellationToken)
    {
        try
        {
            var result = await dispatcher.StartAsync(assignment.Worker, assignment.Test, epoch, cancellationToken);
            SchedulingLog.Dispatched(logger, assignment.Test.Id, assignment.Worker.Id, epoch, result.Outcome);
            await claimer.ReleaseAsync(assignment, result, cancellationToken);
            if (result.Outcome == DispatchOutcome.EpochRejected)
            {
                // A worker has seen a newer epoch: this leader is stale, the term token will fire shortly.
                pass.Stale = true;
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>What the concurrent dispatches of one pass tell the claim loop.</summary>
    private sealed class PassState
    {
        private volatile bool stale;

        public bool Stale
        {
            get => stale;
            set => stale = value;
        }
    }

    private async Task RunTermAsync(LeadershipTerm term, CancellationToken termToken)
    {
        SchedulingLog.TermStarted(logger, term.Epoch);
        while (!termToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.DataSource.OpenConnectionAsync(termToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {SchedulingChannel.Name}", listener))
                {
                    await listen.ExecuteNonQueryAsync(termToken);
                }

                while (true)
                {
                    if (await RunOnceAsync(term.Epoch, termToken))
                    {
                        continue; // the pass ended full, not empty: more tests may fit right now
                    }

                    // Wakes on NOTIFY, or after the poll interval: a missed notification only delays.
                    await listener.WaitAsync((int)settings.PollInterval.TotalMilliseconds, termToken);
                }
            }
            catch (OperationCanceledException) when (termToken.IsCancellationRequested)
            {
                return;
            }
            catch (FencedOutException e)
            {
                SchedulingLog.FencedOut(logger, term.Epoch, e);
                return;
            }
            catch (Exception e)
            {
                // A database or dispatcher failure ends this pass, not the leader's scheduling: retry after a pause.
                SchedulingLog.PassFailed(logger, term.Epoch, e);
            }

            try
            {
                await Task.Delay(settings.PollInterval, timeProvider, termToken);
            }
            catch (OperationCanceledException) when (termToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
