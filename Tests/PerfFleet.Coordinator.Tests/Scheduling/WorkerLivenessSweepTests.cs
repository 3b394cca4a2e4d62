using Microsoft.Extensions.Time.Testing;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

public sealed class WorkerLivenessSweepTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task SweepAsync_WorkerSilentPastTimeout_ReschedulesThenFailsPastTheAttemptLimit()
    {
        await using var database = await MigratedDatabase.CreateAsync("sweep");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        var options = SchedulingData.Options(livenessSeconds: 15);
        var claimer = new AssignmentClaimer(database.Database, options, time);
        var sweep = new WorkerLivenessSweep(database.Database, options, time);
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), maxAttempts: 2);

        // Attempt 1: the worker goes silent. Within the timeout nothing happens; past it, the test is rescheduled.
        await SchedulingData.AddWorkerAsync(database, "w1", time.GetUtcNow());
        await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(await sweep.SweepAsync(epoch, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(2));
        var first = Assert.Single(await sweep.SweepAsync(epoch, CancellationToken.None));
        Assert.Equal((test, "w1", LoadTestStatus.Scheduled), (first.TestId, first.WorkerId, first.NewStatus));
        var rescheduled = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal((LoadTestStatus.Scheduled, null, 1), (rescheduled.Status, rescheduled.AssignedWorker, rescheduled.Attempts));

        // Attempt 2 (the last): a fresh worker takes it and goes silent too.
        await SchedulingData.AddWorkerAsync(database, "w2", time.GetUtcNow());
        Assert.Equal("w2", (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!.Worker.Id);
        time.Advance(TimeSpan.FromSeconds(16));
        var second = Assert.Single(await sweep.SweepAsync(epoch, CancellationToken.None));

        var failed = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal(LoadTestStatus.Failed, second.NewStatus);
        Assert.Equal((LoadTestStatus.Failed, "worker lost", 2), (failed.Status, failed.StatusReason, failed.Attempts));
        Assert.Equal(time.GetUtcNow(), failed.FinishedAt);
        Assert.Equal(
            [LoadTestStatus.Assigned, LoadTestStatus.Scheduled, LoadTestStatus.Assigned, LoadTestStatus.Failed],
            (await SchedulingData.GetEventsAsync(database, test)).Select(e => e.Status));
    }

    [Fact]
    public async Task SweepAsync_AssignedButNeverStartedOnLiveWorker_ReschedulesAfterAssignmentTimeout()
    {
        await using var database = await MigratedDatabase.CreateAsync("sweep");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        var options = SchedulingData.Options(livenessSeconds: 15, assignmentSeconds: 30);
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow());
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        await new AssignmentClaimer(database.Database, options, time).TryClaimNextAsync(epoch, CancellationToken.None);
        var sweep = new WorkerLivenessSweep(database.Database, options, time);

        // The worker keeps heartbeating but never reports the test running.
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await using var context = database.CreateDbContext();
            var worker = await context.Workers.FindAsync("w");
            worker!.LastHeartbeatAt = time.GetUtcNow();
            await context.SaveChangesAsync();
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var swept = Assert.Single(await sweep.SweepAsync(epoch, CancellationToken.None));

        Assert.Equal(LoadTestStatus.Scheduled, swept.NewStatus);
        Assert.StartsWith("worker did not start it", swept.Reason, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, test)).Status);
    }

    [Fact]
    public async Task SweepAsync_OldEpoch_IsFencedOutAndChangesNothing()
    {
        await using var database = await MigratedDatabase.CreateAsync("sweep");
        var oldEpoch = await SchedulingData.TakeLeadershipAsync(database);
        var options = SchedulingData.Options(livenessSeconds: 15);
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow());
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        await new AssignmentClaimer(database.Database, options, time).TryClaimNextAsync(oldEpoch, CancellationToken.None);
        await SchedulingData.TakeLeadershipAsync(database);
        time.Advance(TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<FencedOutException>(() => new WorkerLivenessSweep(database.Database, options, time).SweepAsync(oldEpoch, CancellationToken.None));

        Assert.Equal(LoadTestStatus.Assigned, (await SchedulingData.GetTestAsync(database, test)).Status);
    }
}
