using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>
/// Repositories' running limits in the claim (PerfFleet:Quotas): a repository at its limit keeps
/// its further tests queued, and the other repositories' tests are dispatched past them.
/// </summary>
public sealed class RepositoryLimitsClaimTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task TryClaimBatchAsync_RepositoryAtItsRunningLimit_KeepsItsNextTestQueuedAndDispatchesOthers()
    {
        await using var database = await MigratedDatabase.CreateAsync("repo_limits");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "worker-a", time.GetUtcNow(), slots: 4);
        var shopFirst = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var shopSecond = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(1));
        var other = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(2), repository: "acme/other");
        var claimer = Claimer(database, new QuotaOptions { Repositories = [new RepositoryQuotaOptions { Name = "ACME/shop", MaxRunningTests = 1 }] });

        var first = await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None);

        Assert.Equal([shopFirst, other], first.Select(c => c.Test.Id));
        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, shopSecond)).Status);
        Assert.Empty(await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None)); // still running: still waiting
        Assert.Equal(
            "waiting: acme/shop runs 1 test(s) at once, its limit (PerfFleet:Quotas:Repositories:0:MaxRunningTests, for ACME/shop)",
            (await SchedulingData.GetTestAsync(database, shopSecond)).StatusReason);

        await SetStatusAsync(database, shopFirst, LoadTestStatus.Completed);
        var next = await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None);

        Assert.Equal([shopSecond], next.Select(c => c.Test.Id));
        Assert.Null((await SchedulingData.GetTestAsync(database, shopSecond)).StatusReason);
    }

    [Fact]
    public async Task TryClaimBatchAsync_FullBatchOfAHeldRepository_DoesNotKeepAnotherRepositoryWaiting()
    {
        await using var database = await MigratedDatabase.CreateAsync("repo_limits");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "worker-a", time.GetUtcNow(), slots: 10);
        var running = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = Claimer(database, new QuotaOptions { MaxRunningTestsPerRepository = 1 });
        Assert.Single(await claimer.TryClaimBatchAsync(epoch, 1, CancellationToken.None));
        for (var i = 1; i <= 5; i++)
        {
            await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(i));
        }

        var other = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(10), repository: "acme/other");

        // Five of acme/shop's tests are older than acme/other's, and the batch takes three: they
        // are passed over in the statement that picks them, not after it.
        var claimed = await claimer.TryClaimBatchAsync(epoch, 3, CancellationToken.None);

        Assert.Equal([other], claimed.Select(c => c.Test.Id));
        Assert.Equal(LoadTestStatus.Assigned, (await SchedulingData.GetTestAsync(database, running)).Status);
    }

    [Fact]
    public async Task TryClaimBatchAsync_TotalRateLimit_StartsWhatFitsAndOneTestAloneWhateverItsRate()
    {
        await using var database = await MigratedDatabase.CreateAsync("repo_limits");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "worker-a", time.GetUtcNow(), slots: 10);
        var sixty = await SchedulingData.AddTestAsync(database, time.GetUtcNow(), rate: 60);
        var anotherSixty = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(1), rate: 60);
        var thirty = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(2), rate: 30);
        var claimer = Claimer(database, new QuotaOptions { Repositories = [new RepositoryQuotaOptions { Name = "acme/shop", MaxTotalRate = 100 }] });

        var claimed = await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None);

        // 60 + 60 is past 100; 60 + 30 is not.
        Assert.Equal([sixty, thirty], claimed.Select(c => c.Test.Id));
        Assert.Equal(LoadTestStatus.Scheduled, (await SchedulingData.GetTestAsync(database, anotherSixty)).Status);

        // A test of the scenario's own rate counts with the rate it achieves once running.
        await SetStatusAsync(database, thirty, LoadTestStatus.Completed);
        await SetStatusAsync(database, sixty, LoadTestStatus.Completed);
        var big = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(3), rate: 500);
        var alone = await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None);

        // Nothing of acme/shop runs: its oldest test starts, and then nothing fits beside it.
        Assert.Equal([anotherSixty], alone.Select(c => c.Test.Id));
        await SetStatusAsync(database, anotherSixty, LoadTestStatus.Completed);
        Assert.Equal([big], (await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None)).Select(c => c.Test.Id));
    }

    [Fact]
    public async Task TryClaimBatchAsync_ScenarioRateTestRunning_CountsItsAchievedRate()
    {
        await using var database = await MigratedDatabase.CreateAsync("repo_limits");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        await SchedulingData.AddWorkerAsync(database, "worker-a", time.GetUtcNow(), slots: 10);
        var byScenario = await SchedulingData.AddTestAsync(database, time.GetUtcNow());
        var claimer = Claimer(database, new QuotaOptions { MaxTotalRatePerRepository = 100 });
        Assert.Single(await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None));
        await using (var context = database.CreateDbContext())
        {
            await context.LoadTests.Where(t => t.Id == byScenario)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, LoadTestStatus.Running).SetProperty(t => t.ProgressAchievedRate, 80.0));
        }

        var fifty = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(1), rate: 50);
        var twenty = await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(2), rate: 20);

        Assert.Equal([twenty], (await claimer.TryClaimBatchAsync(epoch, 10, CancellationToken.None)).Select(c => c.Test.Id));
        var waiting = await SchedulingData.GetTestAsync(database, fifty);
        Assert.Equal(LoadTestStatus.Scheduled, waiting.Status);
        Assert.Equal("waiting: acme/shop's running tests send 80 of 100 requests/s (PerfFleet:Quotas:MaxTotalRatePerRepository)", waiting.StatusReason);
    }

    [Fact]
    public async Task TryClaimBatchAsync_EightConcurrentClaimers_NeverRunMoreThanTheRepositoryLimit()
    {
        await using var database = await MigratedDatabase.CreateAsync("repo_limits");
        var epoch = await SchedulingData.TakeLeadershipAsync(database);
        for (var w = 0; w < 4; w++)
        {
            await SchedulingData.AddWorkerAsync(database, $"worker-{w}", time.GetUtcNow(), slots: 5);
        }

        for (var t = 0; t < 12; t++)
        {
            await SchedulingData.AddTestAsync(database, time.GetUtcNow().AddSeconds(t), repository: t % 2 == 0 ? "acme/shop" : "acme/other");
        }

        var claimer = Claimer(database, new QuotaOptions { MaxRunningTestsPerRepository = 3 });
        var claims = new ConcurrentBag<ClaimedAssignment>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            foreach (var claim in await claimer.TryClaimBatchAsync(epoch, 2, CancellationToken.None))
            {
                claims.Add(claim);
            }

            foreach (var claim in await claimer.TryClaimBatchAsync(epoch, 2, CancellationToken.None))
            {
                claims.Add(claim);
            }
        })));

        Assert.Equal(6, claims.Count);
        Assert.All(claims.GroupBy(c => c.Test.Repository), g => Assert.Equal(3, g.Count()));
    }

    private AssignmentClaimer Claimer(MigratedDatabase database, QuotaOptions quotas) =>
        new(database.Database, SchedulingData.Options(), time, new RepositoryQuotas(Options.Create(quotas)));

    private static async Task SetStatusAsync(MigratedDatabase database, Guid id, LoadTestStatus status)
    {
        await using var context = database.CreateDbContext();
        await context.LoadTests.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, status));
    }
}
