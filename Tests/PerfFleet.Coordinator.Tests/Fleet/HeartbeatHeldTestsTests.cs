using Microsoft.Extensions.Time.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Scheduling;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>
/// The heartbeat handler on real PostgreSQL, with the leader's real claims: tests the database
/// gives a worker that its heartbeat does not list go back to the queue at once when it restarted,
/// after the Start grace when it merely omits them, and without an attempt when they are claims
/// of an earlier leader that never reached it.
/// </summary>
public sealed class HeartbeatHeldTestsTests : IAsyncLifetime
{
    private const string WorkerId = "w-restart";
    private readonly FakeTimeProvider time = new();
    private MigratedDatabase database = null!;
    private HeartbeatHandler handler = null!;
    private AssignmentClaimer claimer = null!;

    public async Task InitializeAsync()
    {
        database = await MigratedDatabase.CreateAsync("held");
        var options = SchedulingData.Options();
        handler = new HeartbeatHandler(database.Database, new WorkerHeartbeatWriter(database.Database), options, time, NullLogger<HeartbeatHandler>.Instance);
        claimer = new AssignmentClaimer(database.Database, options, time);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task HandleAsync_NewIncarnationWithNothingRunning_GivesItsTestsBackAtOnceAndFreesItsQuota()
    {
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await BeatAsync("first");
        var running = await ClaimAsync(epoch);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await BeatAsync("first", running);
        var assigned = await ClaimAsync(epoch);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(LoadTestStatus.Running, (await SchedulingData.GetTestAsync(database, running)).Status);

        // The worker was killed and started again with the same id: its first heartbeat lists nothing.
        await BeatAsync("second");

        foreach (var id in new[] { running, assigned })
        {
            var test = await SchedulingData.GetTestAsync(database, id);
            Assert.Equal((LoadTestStatus.Scheduled, null, 1), (test.Status, test.AssignedWorker, test.Attempts));
            Assert.Equal($"worker {WorkerId} restarted; rescheduled after attempt 1 of 3", test.StatusReason);
            Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetEventsAsync(database, id))[^1].Status);
        }

        // Its two slots are free again: the leader gives it both tests at once.
        Assert.Equal(2, (await claimer.TryClaimBatchAsync(epoch, 5, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task HandleAsync_SameIncarnationOmitsTest_GivesItBackOnlyAfterTheStartGrace()
    {
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await BeatAsync("only");
        var kept = await ClaimAsync(epoch);
        var omitted = await ClaimAsync(epoch);

        // A heartbeat composed before the worker took the Start call: the test is not lost yet.
        time.Advance(TimeSpan.FromSeconds(2));
        await BeatAsync("only", kept);
        Assert.Equal(LoadTestStatus.Assigned, (await SchedulingData.GetTestAsync(database, omitted)).Status);

        time.Advance(TimeSpan.FromSeconds(2));
        await BeatAsync("only", kept);

        var lost = await SchedulingData.GetTestAsync(database, omitted);
        Assert.Equal((LoadTestStatus.Scheduled, 1), (lost.Status, lost.Attempts));
        Assert.StartsWith($"worker {WorkerId} no longer runs it", lost.StatusReason, StringComparison.Ordinal);
        Assert.Equal((LoadTestStatus.Running, WorkerId), ((await SchedulingData.GetTestAsync(database, kept)).Status, (await SchedulingData.GetTestAsync(database, kept)).AssignedWorker));
    }

    [Fact]
    public async Task HandleAsync_NewIncarnationRightAfterAnAssignment_LeavesTheStartInFlightAlone()
    {
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await BeatAsync("old");
        time.Advance(TimeSpan.FromMilliseconds(300));

        // Claimed after the old process's last heartbeat: the Start may be going to the new process.
        var test = await ClaimAsync(epoch);
        time.Advance(TimeSpan.FromMilliseconds(300));
        await BeatAsync("new");
        Assert.Equal(LoadTestStatus.Assigned, (await SchedulingData.GetTestAsync(database, test)).Status);

        await BeatAsync("new", test);
        time.Advance(TimeSpan.FromSeconds(5));
        await BeatAsync("new", test);
        Assert.Equal(LoadTestStatus.Running, (await SchedulingData.GetTestAsync(database, test)).Status);
    }

    [Fact]
    public async Task HandleAsync_ClaimOfAnEarlierEpochTheWorkerNeverGot_BackToTheQueueWithoutAnAttempt()
    {
        var oldEpoch = await SchedulingData.TakeLeadershipAsync(database);
        await BeatAsync("only");
        var orphan = await ClaimAsync(oldEpoch);
        var started = await ClaimAsync(oldEpoch);
        await BeatAsync("only", started);

        // The leader died between its claims and their Start calls; a new one leads now.
        await SchedulingData.TakeLeadershipAsync(database);
        time.Advance(TimeSpan.FromSeconds(4));
        await BeatAsync("only", started);

        var back = await SchedulingData.GetTestAsync(database, orphan);
        Assert.Equal((LoadTestStatus.Scheduled, 0, null), (back.Status, back.Attempts, back.AssignedWorker));
        Assert.Equal($"claim of epoch {oldEpoch} orphaned: worker {WorkerId} never got it; rescheduled, no attempt counted", back.StatusReason);
        Assert.Equal(LoadTestStatus.Running, (await SchedulingData.GetTestAsync(database, started)).Status);
    }

    [Fact]
    public async Task HandleAsync_StoppingTestTheRestartedWorkerNoLongerHas_IsStopped()
    {
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await BeatAsync("first");
        var test = await ClaimAsync(epoch);
        await BeatAsync("first", test);
        await using (var context = database.CreateDbContext())
        {
            var row = await context.LoadTests.FindAsync(test);
            row!.Status = LoadTestStatus.Stopping;
            await context.SaveChangesAsync();
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await BeatAsync("second");

        var stopped = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal((LoadTestStatus.Stopped, $"worker {WorkerId} restarted while stopping"), (stopped.Status, stopped.StatusReason));
        Assert.Equal(time.GetUtcNow(), stopped.FinishedAt);
    }

    private async Task<Guid> ClaimAsync(long epoch)
    {
        var id = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claim = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        Assert.Equal((id, WorkerId), (claim?.Test.Id, claim?.Worker.Id));
        return id;
    }

    /// <summary>A heartbeat of process <paramref name="incarnation"/> of the worker, running <paramref name="running"/> (attempt 1).</summary>
    private Task<HeartbeatResponse> BeatAsync(string incarnation, params Guid[] running)
    {
        var request = new HeartbeatRequest
        {
            WorkerId = WorkerId,
            Address = "http://127.0.0.1:1",
            Capacity = new Quota { ConcurrentTests = 2, RequestRate = 5000, Cores = 4 },
            Used = new Quota { ConcurrentTests = running.Length },
            Incarnation = incarnation,
            StartedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        request.Running.AddRange(running.Select(id => FleetTestData.Running(id.ToString())));
        return handler.HandleAsync(request, CancellationToken.None);
    }
}
