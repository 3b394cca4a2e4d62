using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>
/// A worker whose heartbeats reach the coordinators but whose own address does not answer (a
/// wrong advertised address, a firewall): alive and the emptiest, it would get every test and
/// spend all of their attempts, so after a Start that cannot reach it the scheduler passes it over.
/// </summary>
public sealed class UnreachableWorkerTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ReleaseAsync_Unreachable_PassesTheWorkerOverWithABackOffThatDoublesAndAnAnswerClears()
    {
        await using var database = await MigratedDatabase.CreateAsync("unreachable");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "a-broken", time.GetUtcNow(), slots: 10); // ties go by id: it is picked first
        await SchedulingData.AddWorkerAsync(database, "b-good", time.GetUtcNow(), slots: 10);
        var first = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        var toBroken = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        await claimer.ReleaseAsync(toBroken!, new DispatchResult(DispatchOutcome.Unreachable, "Unavailable: connection refused"), CancellationToken.None);
        var retry = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);

        Assert.Equal((first, "a-broken"), (toBroken!.Test.Id, toBroken.Worker.Id));
        Assert.Equal((first, "b-good", 2), (retry!.Test.Id, retry.Worker.Id, retry.Test.Attempts)); // its next attempt goes elsewhere
        var broken = await WorkerAsync(database, "a-broken");
        Assert.Equal((1, time.GetUtcNow().AddSeconds(10), "Unavailable: connection refused"), (broken.UnreachableStrikes, broken.UnreachableUntil, broken.UnreachableReason));

        // Past the back-off it is tried again; failing again doubles it.
        time.Advance(TimeSpan.FromSeconds(11));
        await FreshHeartbeatsAsync(database);
        var second = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var again = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        await claimer.ReleaseAsync(again!, new DispatchResult(DispatchOutcome.Unreachable, "DeadlineExceeded"), CancellationToken.None);

        Assert.Equal((second, "a-broken"), (again!.Test.Id, again.Worker.Id));
        Assert.Equal((2, time.GetUtcNow().AddSeconds(20)), ((await WorkerAsync(database, "a-broken")).UnreachableStrikes, (await WorkerAsync(database, "a-broken")).UnreachableUntil));
        Assert.Equal("b-good", (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!.Worker.Id);

        // A Start that reaches it clears it.
        time.Advance(TimeSpan.FromSeconds(21));
        await FreshHeartbeatsAsync(database);
        await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var reached = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        await claimer.ReleaseAsync(reached!, DispatchResult.Accepted, CancellationToken.None);

        Assert.Equal("a-broken", reached!.Worker.Id);
        var cleared = await WorkerAsync(database, "a-broken");
        Assert.Equal((0, null, null), (cleared.UnreachableStrikes, cleared.UnreachableUntil, cleared.UnreachableReason));
    }

    [Fact]
    public async Task ReleaseAsync_ManyFailuresInARow_BackOffStopsAtItsMaximum()
    {
        await using var database = await MigratedDatabase.CreateAsync("unreachable");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "a-broken", time.GetUtcNow(), slots: 10);
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        for (var failure = 0; failure < 8; failure++)
        {
            await SchedulingData.AddTestAsync(database, time.GetUtcNow(), maxAttempts: 1);
            var claim = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
            await claimer.ReleaseAsync(claim!, new DispatchResult(DispatchOutcome.Unreachable, "Unavailable"), CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(301));
            await FreshHeartbeatsAsync(database);
        }

        // 10, 20, 40, 80, 160, then 300 s at most.
        var broken = await WorkerAsync(database, "a-broken");
        Assert.Equal(8, broken.UnreachableStrikes);
        Assert.Equal(time.GetUtcNow().AddSeconds(300 - 301), broken.UnreachableUntil);
    }

    [Fact]
    public async Task Heartbeat_FromARestartedWorker_TriesItAgainAtOnce()
    {
        await using var database = await MigratedDatabase.CreateAsync("unreachable");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "a-broken", time.GetUtcNow(), slots: 10);
        await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        var claim = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        await claimer.ReleaseAsync(claim!, new DispatchResult(DispatchOutcome.Unreachable, "Unavailable"), CancellationToken.None);
        var worker = await WorkerAsync(database, "a-broken");

        await using (var connection = await database.Database.DataSource.OpenConnectionAsync())
        {
            // The same process again: still passed over. A new one (restarted, maybe fixed): tried at once.
            await WorkerHeartbeatWriter.WriteAsync(connection, null, Heartbeat(worker, worker.Incarnation), time.GetUtcNow(), CancellationToken.None);
            Assert.Equal(1, (await WorkerAsync(database, "a-broken")).UnreachableStrikes);
            await WorkerHeartbeatWriter.WriteAsync(connection, null, Heartbeat(worker, "restarted"), time.GetUtcNow(), CancellationToken.None);
        }

        var restarted = await WorkerAsync(database, "a-broken");
        Assert.Equal((0, null), (restarted.UnreachableStrikes, restarted.UnreachableUntil));
        Assert.Equal("a-broken", (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!.Worker.Id);
    }

    private static HeartbeatRequest Heartbeat(WorkerEntity worker, string? incarnation) => new()
    {
        WorkerId = worker.Id,
        Address = worker.Address,
        Capacity = new Quota { ConcurrentTests = worker.CapacityConcurrentTests, RequestRate = worker.CapacityRequestRate, Cores = worker.CapacityCores },
        Used = new Quota(),
        Incarnation = incarnation ?? string.Empty,
    };

    private async Task FreshHeartbeatsAsync(MigratedDatabase database)
    {
        await using var context = database.CreateDbContext();
        var now = time.GetUtcNow();
        await context.Workers.ExecuteUpdateAsync(u => u.SetProperty(w => w.LastHeartbeatAt, now));
    }

    private static async Task<WorkerEntity> WorkerAsync(MigratedDatabase database, string id)
    {
        await using var context = database.CreateDbContext();
        return await context.Workers.AsNoTracking().SingleAsync(w => w.Id == id);
    }
}
