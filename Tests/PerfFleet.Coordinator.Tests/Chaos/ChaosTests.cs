using System.Diagnostics;
using Npgsql;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.MultiProcess;
using Xunit.Abstractions;

namespace PerfFleet.Coordinator.Tests.Chaos;

/// <summary>
/// The fault suite (<c>./build.sh --target=Chaos</c>): real coordinator and simulated-worker
/// processes on real PostgreSQL, broken while tests flow. Each case ends with every test terminal
/// and completed exactly once, and prints what it checked and how long recovery took. Goals: no
/// test lost or run twice, failover (a frozen leader included) under 3 s, a restarted worker's
/// tests back in the queue within 5 s.
/// </summary>
[Collection(nameof(ClusterTests))]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Tests = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FailoverGoal = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RequeueGoal = TimeSpan.FromSeconds(5);

    [ChaosFact]
    public Task LeaderKilledMidDispatch() => LeaderFaultAsync("leader kill mid-dispatch", (cluster, leader) =>
    {
        leader.Process.Kill();
        return Task.CompletedTask;
    });

    [ChaosFact]
    public Task LockSessionTerminated() => LeaderFaultAsync("lock-session termination", (cluster, _) => TerminateLockSessionAsync(cluster));

    [ChaosFact]
    public Task LeaderPausedSessionOpen() => LeaderFaultAsync("paused leader, session open", (_, leader) =>
    {
        leader.Process.Signal("STOP");
        return Task.CompletedTask;
    });

    [ChaosFact]
    public Task LeaderPausedSessionEnded() => LeaderFaultAsync("paused leader, session ended", async (cluster, leader) =>
    {
        leader.Process.Signal("STOP");
        await TerminateLockSessionAsync(cluster);
    });

    [ChaosFact]
    public async Task WorkerKilledStaysDown()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 3);
        var doomed = cluster.StartWorker("sim-doomed", TimeSpan.FromSeconds(20), capacity: 6);
        var (_, epoch) = await cluster.WaitForLeaderAsync(Patience);
        var ids = await Cluster.ScheduleAsync(cluster.Coordinators[0], 6);
        await WaitRunningOnAsync(cluster, ids, "sim-doomed");

        doomed.Kill();
        var killed = Stopwatch.StartNew();
        cluster.StartWorker("sim-survivor", TimeSpan.FromMilliseconds(500), capacity: 6);
        await cluster.WaitUntilAsync(async () => (await cluster.TestsAsync(ids)).Values.All(t => t.AssignedWorker != "sim-doomed" || t.Status == LoadTestStatus.Scheduled), Patience, "the dead worker's tests given back");
        var requeued = killed.Elapsed;

        await cluster.CompletesExactlyOnceAsync(ids, Patience);
        var (_, after) = await cluster.WaitForLeaderAsync(Patience);
        await ChaosReport.WriteAsync(output, cluster, "worker kill, stays down", ids, epoch, after, requeued, "tests back in the queue after (liveness timeout 3 s)");
    }

    [ChaosFact]
    public async Task WorkerKilledAndRestarted()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 3, new Dictionary<string, string> { ["PerfFleet__Scheduling__LivenessTimeoutSeconds"] = "60" });
        var worker = cluster.StartWorker("sim-phoenix", TimeSpan.FromSeconds(20), capacity: 6);
        var (_, epoch) = await cluster.WaitForLeaderAsync(Patience);
        var ids = await Cluster.ScheduleAsync(cluster.Coordinators[0], 6);
        await WaitRunningOnAsync(cluster, ids, "sim-phoenix");

        worker.Kill();
        var restarted = Stopwatch.StartNew();
        cluster.StartWorker("sim-phoenix", TimeSpan.FromMilliseconds(500), capacity: 6);
        await cluster.WaitUntilAsync(async () => (await cluster.TestsAsync(ids)).Values.All(t => t.Attempts > 1 || t.Status != LoadTestStatus.Running), Patience, "the restarted worker's tests given back");
        var requeued = restarted.Elapsed;

        await cluster.CompletesExactlyOnceAsync(ids, Patience);
        var (_, after) = await cluster.WaitForLeaderAsync(Patience);
        await ChaosReport.WriteAsync(output, cluster, "worker kill and restart", ids, epoch, after, requeued, "tests back in the queue after");
        Assert.True(requeued < RequeueGoal, $"re-queued {requeued.TotalMilliseconds:0} ms after the restart (goal < {RequeueGoal.TotalMilliseconds:0} ms)");
    }

    [ChaosFact]
    public async Task EverythingRestarted()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 3, ownServer: true);
        var worker = cluster.StartWorker("sim-all", TimeSpan.FromSeconds(20), capacity: 6);
        var (_, epoch) = await cluster.WaitForLeaderAsync(Patience);
        var ids = await Cluster.ScheduleAsync(cluster.Coordinators[0], 6);
        await WaitRunningOnAsync(cluster, ids, "sim-all");

        worker.Kill();
        foreach (var coordinator in cluster.Coordinators)
        {
            coordinator.Process.Kill();
        }

        await cluster.OwnServer!.RestartAsync();
        var restarted = Stopwatch.StartNew();
        for (var i = 0; i < cluster.Coordinators.Count; i++)
        {
            cluster.Restart(i);
        }

        cluster.StartWorker("sim-all", TimeSpan.FromMilliseconds(500), capacity: 6);
        var (recovered, probe) = await cluster.DispatchProbeAsync(cluster.Coordinators[1], restarted, Patience);

        var all = ids.Concat(probe).ToList();
        await cluster.CompletesExactlyOnceAsync(all, Patience);
        var (_, after) = await cluster.WaitForLeaderAsync(Patience);
        await ChaosReport.WriteAsync(output, cluster, "restart of everything", all, epoch, after, recovered, "probe dispatched after the restart began (processes start cold)");
    }

    [ChaosFact]
    public async Task PostgresRestartedUnderLoad()
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 3, ownServer: true);
        cluster.StartWorker("sim-a", TimeSpan.FromMilliseconds(800), capacity: 4);
        cluster.StartWorker("sim-b", TimeSpan.FromMilliseconds(800), capacity: 4);
        var (_, epoch) = await cluster.WaitForLeaderAsync(Patience);
        var ids = await Cluster.ScheduleAsync(cluster.Coordinators[0], Tests);
        await cluster.WaitUntilAsync(async () => (await cluster.TestsAsync(ids)).Values.Any(t => t.Status == LoadTestStatus.Completed), Patience, "tests completing");

        await cluster.OwnServer!.RestartAsync();
        var restarted = Stopwatch.StartNew();
        var (recovered, probe) = await cluster.DispatchProbeAsync(cluster.Coordinators[1], restarted, Patience);

        var all = ids.Concat(probe).ToList();
        await cluster.CompletesExactlyOnceAsync(all, Patience);
        var (_, after) = await cluster.WaitForLeaderAsync(Patience);
        await ChaosReport.WriteAsync(output, cluster, "PostgreSQL restarted under load", all, epoch, after, recovered, "probe dispatched after the restart");
    }

    /// <summary>Tests flowing to two workers; <paramref name="fault"/> on the leader; a probe must be dispatched within the failover goal.</summary>
    private async Task LeaderFaultAsync(string name, Func<Cluster, CoordinatorProcess, Task> fault)
    {
        await using var cluster = await Cluster.StartAsync(coordinators: 3);
        cluster.StartWorker("sim-a", TimeSpan.FromMilliseconds(500), capacity: 10);
        cluster.StartWorker("sim-b", TimeSpan.FromMilliseconds(500), capacity: 10);
        var (leader, epoch) = await cluster.WaitForLeaderAsync(Patience);
        var follower = cluster.Coordinators.First(c => c != leader);
        var ids = await Cluster.ScheduleAsync(follower, Tests);
        await cluster.WaitUntilAsync(async () => (await cluster.TestsAsync(ids)).Values.Any(t => t.Status != LoadTestStatus.Scheduled), Patience, "the leader dispatching");

        var faulted = Stopwatch.StartNew();
        await fault(cluster, leader);
        TimeSpan recovered;
        List<string> probe;
        try
        {
            (recovered, probe) = await cluster.DispatchProbeAsync(follower, faulted, Patience);
        }
        finally
        {
            leader.Process.Signal("CONT");
        }

        var all = ids.Concat(probe).ToList();
        await cluster.CompletesExactlyOnceAsync(all, Patience);
        var (_, after) = await cluster.WaitForLeaderAsync(Patience);
        await ChaosReport.WriteAsync(output, cluster, name, all, epoch, after, recovered, "probe dispatched after");
        Assert.True(after > epoch, $"epoch {after} is not above {epoch}");
        Assert.True(recovered < FailoverGoal, $"{name}: a leader dispatched {recovered.TotalMilliseconds:0} ms after the fault (goal < {FailoverGoal.TotalMilliseconds:0} ms)");
    }

    private static async Task TerminateLockSessionAsync(Cluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        Assert.Equal(1L, await terminate.ExecuteScalarAsync());
    }

    private static Task WaitRunningOnAsync(Cluster cluster, List<string> ids, string worker) =>
        cluster.WaitUntilAsync(
            async () => (await cluster.TestsAsync(ids)).Values.All(t => t.Status == LoadTestStatus.Running && t.AssignedWorker == worker),
            Patience,
            $"every test running on {worker}");
}
