using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

public sealed class AssignmentClaimerTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task TryClaimNextAsync_EightConcurrentClaimers_NeverGiveATestTwiceNorOverfillAWorker()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        for (var w = 0; w < 5; w++)
        {
            await SchedulingData.AddWorkerAsync(database, $"worker-{w}", time.GetUtcNow(), slots: 3);
        }

        var tests = new List<Guid>();
        for (var t = 0; t < 20; t++)
        {
            tests.Add(await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(t)));
        }

        var claims = new ConcurrentBag<ClaimedAssignment>();
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await claimer.TryClaimNextAsync(epoch, CancellationToken.None) is { } claim)
            {
                claims.Add(claim);
            }
        })));

        // 5 workers x 3 slots: 15 of the 20 tests fit, each exactly once.
        Assert.Equal(15, claims.Count);
        Assert.Equal(15, claims.Select(c => c.Test.Id).Distinct().Count());
        Assert.All(claims.GroupBy(c => c.Worker.Id), g => Assert.Equal(3, g.Count()));
        foreach (var claim in claims)
        {
            var stored = await SchedulingData.GetTestAsync(database, claim.Test.Id);
            Assert.Equal((LoadTestStatus.Assigned, claim.Worker.Id, epoch, 1), (stored.Status, stored.AssignedWorker, stored.Epoch, stored.Attempts));
            Assert.Single(await SchedulingData.GetEventsAsync(database, claim.Test.Id));
        }

        // Strict order holds for one claimer (the leader; see the priority test); concurrent
        // claimers skip each other's locked rows, so here only the count is exact.
        Assert.Equal(5, (await Task.WhenAll(tests.Select(id => SchedulingData.GetTestAsync(database, id)))).Count(t => t.Status == LoadTestStatus.Scheduled));
    }

    [Fact]
    public async Task TryClaimNextAsync_TestAvoidingTheEmptiestWorker_GoesToAnotherWithRoom()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "found-it", time.GetUtcNow(), slots: 10);
        await SchedulingData.AddWorkerAsync(database, "other", time.GetUtcNow(), slots: 2);
        var confirmation = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), avoidWorker: "found-it");
        var plain = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(1));
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        var first = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);
        var second = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);

        // The emptiest worker would take both; the avoided one takes only the test that does not avoid it.
        Assert.Equal((confirmation, "other"), (first!.Test.Id, first.Worker.Id));
        Assert.Equal((plain, "found-it"), (second!.Test.Id, second.Worker.Id));
    }

    [Fact]
    public async Task TryClaimNextAsync_OnlyTheAvoidedWorkerHasRoom_StillAssignsIt()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "found-it", time.GetUtcNow(), slots: 1);
        await SchedulingData.AddWorkerAsync(database, "stale", time.GetUtcNow().AddMinutes(-10), slots: 5);
        var confirmation = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), avoidWorker: "found-it");
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        var claim = await claimer.TryClaimNextAsync(epoch, CancellationToken.None);

        Assert.Equal((confirmation, "found-it"), (claim!.Test.Id, claim.Worker.Id));
    }

    [Fact]
    public async Task TryClaimNextAsync_MixedPriorities_TakesHighestPriorityThenOldest()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow(), slots: 10);
        var oldLow = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddMinutes(-10), priority: 0);
        var newHigh = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddMinutes(-1), priority: 5);
        var oldHigh = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddMinutes(-2), priority: 5);
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        var order = new List<Guid>();
        while (await claimer.TryClaimNextAsync(epoch, CancellationToken.None) is { } claim)
        {
            order.Add(claim.Test.Id);
        }

        Assert.Equal([oldHigh, newHigh, oldLow], order);
    }

    [Fact]
    public async Task TryClaimBatchAsync_MoreTestsThanRoom_FillsEveryWorkerOnceInOrderAndStopsAtTheFirstMisfit()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "w1", time.GetUtcNow(), slots: 2, rateCapacity: 1_000);
        await SchedulingData.AddWorkerAsync(database, "w2", time.GetUtcNow(), slots: 2, rateCapacity: 1_000);
        var fitting = new List<Guid>();
        for (var t = 0; t < 3; t++)
        {
            fitting.Add(await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(t), rate: 400));
        }

        // Fourth in line needs more rate than any worker has left; the fifth would fit, but must not overtake it.
        var tooBig = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(3), rate: 700);
        var small = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(4), rate: 1);
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        var batch = await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None);

        Assert.Equal(fitting, batch.Select(c => c.Test.Id));
        Assert.All(batch, c => Assert.Equal(epoch, c.Epoch));
        Assert.All(batch.GroupBy(c => c.Worker.Id), g => Assert.True(g.Sum(c => c.Test.Rate ?? 0) <= 1_000, $"{g.Key} overfilled"));
        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, tooBig)).Status);
        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, small)).Status);
        foreach (var claim in batch)
        {
            var stored = await SchedulingData.GetTestAsync(database, claim.Test.Id);
            Assert.Equal((LoadTestStatus.Assigned, claim.Worker.Id), (stored.Status, stored.AssignedWorker));
            Assert.Single(await SchedulingData.GetEventsAsync(database, claim.Test.Id));
        }
    }

    [Fact]
    public async Task TryClaimBatchAsync_NonPositiveSize_Throws()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => claimer.TryClaimBatchAsync(1, 0, CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimNextAsync_StaleHeartbeatOrNoRoom_AssignsNothing()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "silent", time.GetUtcNow().AddSeconds(-16), slots: 5);
        await SchedulingData.AddWorkerAsync(database, "small", time.GetUtcNow(), slots: 5, rateCapacity: 100);
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), rate: 500);
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(livenessSeconds: 15), time);

        Assert.Null(await claimer.TryClaimNextAsync(epoch, CancellationToken.None));

        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, test)).Status);
    }

    [Fact]
    public async Task TryClaimNextAsync_OldEpoch_IsFencedOutAndAssignsNothing()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var oldEpoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.TakeLeadershipAsync(database); // a new leader took over
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow());
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);

        await Assert.ThrowsAsync<FencedOutException>(() => claimer.TryClaimNextAsync(oldEpoch, CancellationToken.None));

        var stored = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal((LoadTestStatus.Scheduled, null, 0), (stored.Status, stored.AssignedWorker, stored.Attempts));
        Assert.Empty(await SchedulingData.GetEventsAsync(database, test));
    }

    [Fact]
    public async Task ReleaseAsync_QuotaExhausted_ReturnsTestWithoutUsingAnAttemptAndSkipsTheFullWorker()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "a-full", time.GetUtcNow(), slots: 5);
        await SchedulingData.AddWorkerAsync(database, "b-free", time.GetUtcNow(), slots: 4);
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        var first = (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!;
        Assert.Equal("a-full", first.Worker.Id);

        var status = await claimer.ReleaseAsync(first, new DispatchResult(DispatchOutcome.QuotaExhausted, "2 tests running"), CancellationToken.None);
        var second = (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!;

        Assert.Equal(LoadTestStatus.Scheduled, status);
        Assert.Equal("b-free", second.Worker.Id);
        Assert.Equal(1, (await SchedulingData.GetTestAsync(database, test)).Attempts);
        Assert.Equal(
            [LoadTestStatus.Assigned, LoadTestStatus.Scheduled, LoadTestStatus.Assigned],
            (await SchedulingData.GetEventsAsync(database, test)).Select(e => e.Status));
    }

    [Fact]
    public async Task ReleaseAsync_UnreachableOnLastAttempt_FailsTheTest()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow());
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), maxAttempts: 1);
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        var claim = (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!;

        var status = await claimer.ReleaseAsync(claim, new DispatchResult(DispatchOutcome.Unreachable, "connection refused"), CancellationToken.None);

        var stored = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal(LoadTestStatus.Failed, status);
        Assert.Equal(LoadTestStatus.Failed, stored.Status);
        Assert.Contains("connection refused", stored.StatusReason, StringComparison.Ordinal);
        Assert.NotNull(stored.FinishedAt);
    }

    [Fact]
    public async Task ReleaseAsync_WorkerRefusedTheAttempt_TestBackInTheQueueWithTheWorkersReasonAndTheAttemptCounted()
    {
        await using var database = await MigratedDatabase.CreateAsync("claim");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow());
        var test = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = new AssignmentClaimer(database.Database, SchedulingData.Options(), time);
        var claim = (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!;

        var status = await claimer.ReleaseAsync(claim, new DispatchResult(DispatchOutcome.Refused, "attempt 2 of the test is already running here"), CancellationToken.None);
        var again = (await claimer.TryClaimNextAsync(epoch, CancellationToken.None))!;

        var stored = await SchedulingData.GetTestAsync(database, test);
        Assert.Equal(LoadTestStatus.Scheduled, status);
        Assert.Equal(2, stored.Attempts); // the next Start carries a higher attempt than the one refused
        Assert.Equal(test, again.Test.Id);
        Assert.Contains("refused the attempt: attempt 2 of the test is already running here", (await SchedulingData.GetEventsAsync(database, test))[1].Reason, StringComparison.Ordinal);
    }
}
