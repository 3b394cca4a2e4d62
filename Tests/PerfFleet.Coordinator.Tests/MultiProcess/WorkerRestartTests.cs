using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Net;
using Xunit.Abstractions;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>
/// The real worker process killed mid-run and started again under the same id: its first
/// heartbeat, from a new incarnation, gives its lost tests back at once, and each test then runs
/// to completion exactly once. The coordinators' liveness and assignment timeouts are a minute
/// and more here, so only the heartbeat rule can give the tests back within seconds.
/// </summary>
[Collection(nameof(ClusterTests))]
public sealed class WorkerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The time from the new process's start to its tests being back in the queue that these tests accept.</summary>
    private static readonly TimeSpan RequeueGoal = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string> LongTimeouts = new()
    {
        ["PerfFleet__Scheduling__LivenessTimeoutSeconds"] = "60",
        ["PerfFleet__Scheduling__AssignmentTimeoutSeconds"] = "120",
    };

    [Fact]
    public async Task KillAndRestartWorker_SameIdMidRun_TestsBackInTheQueueWithinSecondsAndEachCompletesOnce()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 2, LongTimeouts);
        await RestartMidRunAsync(cluster, beforeTheWorkerStartsAgain: () => Task.CompletedTask);
    }

    [Fact]
    public async Task RestartEveryProcess_TestsOnTheWorker_BackInTheQueueWithinSecondsAndEachCompletesOnce()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 2, LongTimeouts);
        await RestartMidRunAsync(cluster, beforeTheWorkerStartsAgain: async () =>
        {
            for (var i = 0; i < cluster.Coordinators.Count; i++)
            {
                cluster.Restart(i);
            }

            await cluster.WaitForLeaderAsync(Patience);
        });
    }

    /// <summary>
    /// Three tests measuring on the real worker; kill -9 it; <paramref name="beforeTheWorkerStartsAgain"/>;
    /// start it under the same id and port. Each test is given back within <see cref="RequeueGoal"/>
    /// and completes exactly once, on its second attempt.
    /// </summary>
    private async Task RestartMidRunAsync(Cluster cluster, Func<Task> beforeTheWorkerStartsAgain)
    {
        var (port, work) = (FreePort.Next(), cluster.Directory("real-worker"));
        var worker = cluster.StartRealWorker("real-worker", port, work, capacity: 3);
        var ids = await ScheduleAsync(cluster, 3);
        await WaitAllMeasuringAsync(cluster, ids);

        worker.Kill();
        await beforeTheWorkerStartsAgain();
        cluster.StartRealWorker("real-worker", port, work, capacity: 3);

        await AssertRequeuedSoonAfterTheRestartAsync(cluster, ids);
        await cluster.WaitForStatusAsync(ids, LoadTestStatus.Completed, Patience);
        await cluster.AssertCompletedExactlyOnceAsync(ids);
        Assert.All((await cluster.TestsAsync(ids)).Values, t => Assert.Equal((2, "real-worker"), (t.Attempts, t.AssignedWorker)));
    }

    /// <summary>
    /// Ad-hoc tests the real pipeline runs without git or Docker: a local stack of one idle process,
    /// ready when the first coordinator's /healthz answers, and a small load at that coordinator.
    /// </summary>
    private static async Task<List<string>> ScheduleAsync(Cluster cluster, int count)
    {
        var coordinator = cluster.Coordinators[0].WebUrl;
        var scenario = $$"""
            version: 1
            scenarios:
              idle:
                stack:
                  local: [{name: sut, run: "exec sleep 600"}]
                  ports: [sut]
                  ready: {{coordinator}}healthz
                load:
                  targets: [{{coordinator}}healthz]
                  duration: 8s
                  rate: 5
            """;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = new LoadTestSpec { InlineSpec = scenario, Kind = TestKind.Adhoc, Rate = 5, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(8)) };
            ids.Add((await cluster.Coordinators[1].LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin)).Id);
        }

        return ids;
    }

    private static Task WaitAllMeasuringAsync(Cluster cluster, List<string> ids) =>
        cluster.WaitUntilAsync(
            async () => (await cluster.TestsAsync(ids)).Values is var tests && tests.Count == ids.Count
                && tests.All(t => t is { Status: LoadTestStatus.Running, ProgressPhase: "measuring", Attempts: 1 }),
            Patience,
            "every test measuring on the real worker");

    /// <summary>
    /// Waits for each test's "restarted" state event and checks it came within
    /// <see cref="RequeueGoal"/> of the new process's start (the worker row's started_at, same clock).
    /// </summary>
    private async Task AssertRequeuedSoonAfterTheRestartAsync(Cluster cluster, List<string> ids)
    {
        var guids = ids.Select(Guid.Parse).ToList();
        var watch = Stopwatch.StartNew();
        List<TestStateEventEntity> requeued = [];
        await cluster.WaitUntilAsync(async () =>
        {
            await using var context = cluster.Database.CreateDbContext();
            requeued = await context.TestStateEvents.AsNoTracking()
                .Where(e => guids.Contains(e.TestId) && e.Status == LoadTestStatus.Scheduled && e.Reason != null && e.Reason.Contains("restarted"))
                .ToListAsync();
            return requeued.Select(e => e.TestId).Distinct().Count() == guids.Count;
        }, Patience, "every test given back by the restarted worker's heartbeat");

        await using var db = cluster.Database.CreateDbContext();
        var started = (await db.Workers.AsNoTracking().SingleAsync(w => w.Id == "real-worker")).StartedAt!.Value;
        var latest = requeued.Max(e => e.At) - started;
        output.WriteLine($"re-queued {latest.TotalMilliseconds:0} ms after the new worker process started ({watch.Elapsed.TotalMilliseconds:0} ms after it was launched)");
        Assert.Equal(guids.Count, requeued.Count);
        Assert.True(latest < RequeueGoal, $"the last test was re-queued {latest.TotalMilliseconds:0} ms after the worker restarted (goal < {RequeueGoal.TotalMilliseconds:0} ms)");
    }
}
