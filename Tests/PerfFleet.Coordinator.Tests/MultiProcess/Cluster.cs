using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>
/// Coordinator and simulated-worker processes around one fresh PostgreSQL database. Every
/// process it started is killed when it is disposed, whatever the test's outcome.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly PostgresDatabaseFixture database = new();
    private PrivatePostgresServer? ownServer;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "perffleet-mp-" + Guid.NewGuid().ToString("N"));
    private readonly List<ChildProcess> workers = [];
    private IReadOnlyDictionary<string, string>? settings;

    public List<CoordinatorProcess> Coordinators { get; } = [];

    public IReadOnlyList<ChildProcess> Workers => workers;

    public PostgresDatabaseFixture Database => database;

    /// <summary>The cluster's own PostgreSQL server, when it was started with one (to stop or restart it).</summary>
    public PrivatePostgresServer? OwnServer => ownServer;

    public string ConnectionString => ownServer?.ConnectionString ?? database.ConnectionString;

    /// <param name="coordinators">How many coordinator processes to start.</param>
    /// <param name="settings">Environment variables of every coordinator, over the defaults (e.g. timeouts).</param>
    /// <param name="ownServer">A PostgreSQL server of this cluster alone (see <see cref="OwnServer"/>), not a database on the shared one.</param>
    public static async Task<Cluster> StartAsync(int coordinators, IReadOnlyDictionary<string, string>? settings = null, bool ownServer = false)
    {
        var cluster = new Cluster { settings = settings };
        try
        {
            if (ownServer)
            {
                cluster.ownServer = await PrivatePostgresServer.StartAsync();
            }
            else
            {
                await cluster.database.InitializeAsync();
            }

            for (var i = 0; i < coordinators; i++)
            {
                cluster.Coordinators.Add(CoordinatorProcess.Start($"coordinator-{i}", cluster.ConnectionString, cluster.dataDirectory, settings: settings));
            }

            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ChildProcess StartWorker(string name, TimeSpan runTime, int capacity = 4, TimeSpan updateDelay = default)
    {
        var worker = SimulatedWorkerProcess.Start(name, Coordinators.Select(c => c.GrpcAddress), runTime, capacity, updateDelay);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Starts the real worker process; <paramref name="grpcPort"/> and <paramref name="workDirectory"/> reuse those of an earlier process (a restart).</summary>
    public ChildProcess StartRealWorker(string name, int grpcPort, string workDirectory, int capacity = 4)
    {
        var worker = WorkerProcess.Start(name, grpcPort, workDirectory, Coordinators.Select(c => c.GrpcAddress), capacity);
        workers.Add(worker);
        return worker;
    }

    /// <summary>A directory that goes with the cluster (a worker's work directory).</summary>
    public string Directory(string name) => Path.Combine(dataDirectory, name);

    /// <summary>Kills coordinator <paramref name="index"/> (kill -9) and starts a new process on its ports.</summary>
    public void Restart(int index)
    {
        var old = Coordinators[index];
        old.Dispose();
        Coordinators[index] = CoordinatorProcess.Start(old.Process.Name + "-restarted", ConnectionString, dataDirectory, old.WebPort, old.GrpcPort, settings);
    }

    /// <summary>Waits until every running coordinator is ready and exactly one leads; returns it.</summary>
    public async Task<(CoordinatorProcess Leader, long Epoch)> WaitForLeaderAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var alive = Coordinators.Where(c => !c.Process.HasExited).ToList();
            var states = await Task.WhenAll(alive.Select(c => c.ReadinessAsync()));
            var leaders = alive.Zip(states).Where(p => p.Second is { Ready: true, Leader: true }).ToList();
            if (states.All(s => s is { Ready: true }) && leaders.Count == 1)
            {
                return (leaders[0].First, leaders[0].Second!.Epoch);
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"no single leader after {timeout}: {string.Join(", ", states.Select(s => s?.ToString() ?? "no answer"))}\n{Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<List<string>> ScheduleAsync(CoordinatorProcess via, int count, TimeSpan? duration = null)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = Specs.ForRepository(Specs.NewRepository());
            spec.Duration = Duration.FromTimeSpan(duration ?? TimeSpan.FromSeconds(30));
            ids.Add((await via.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin)).Id);
        }

        return ids;
    }

    public async Task<Dictionary<Guid, LoadTestEntity>> TestsAsync(IEnumerable<string> ids)
    {
        var guids = ids.Select(Guid.Parse).ToList();
        await using var context = CreateDbContext();
        return await context.LoadTests.AsNoTracking().Where(t => guids.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for: {what}\n{Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every test has <paramref name="status"/>; the timeout message lists where each one is.</summary>
    public async Task WaitForStatusAsync(IReadOnlyCollection<string> ids, LoadTestStatus status, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var tests = await TestsAsync(ids);
            if (tests.Count == ids.Count && tests.Values.All(t => t.Status == status))
            {
                return;
            }

            if (watch.Elapsed > timeout)
            {
                var states = string.Join("\n", tests.Values.Select(t => $"  {t.Id} {t.Status} attempt {t.Attempts} on {t.AssignedWorker}: {t.StatusReason}"));
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {ids.Count} tests to be {status}:\n{states}\n{Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Schedules one probe test through <paramref name="via"/> and waits until a leader dispatches
    /// it: the time from <paramref name="fault"/> (started when the fault was made) to a working leader.
    /// </summary>
    public async Task<(TimeSpan Recovered, List<string> Probe)> DispatchProbeAsync(CoordinatorProcess via, Stopwatch fault, TimeSpan timeout)
    {
        List<string> probe = [];
        await WaitUntilAsync(async () =>
        {
            // Right after a database restart the coordinator may answer UNAVAILABLE: a client retries.
            try
            {
                probe = await ScheduleAsync(via, 1);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, timeout, "the probe test accepted");
        await WaitUntilAsync(async () => (await TestsAsync(probe)).Values.Single().Status != LoadTestStatus.Scheduled, timeout, "a leader dispatching the probe");
        return (fault.Elapsed, probe);
    }

    /// <summary>Waits until every test is Completed, then asserts each completed exactly once.</summary>
    public async Task CompletesExactlyOnceAsync(IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        await WaitForStatusAsync(ids, LoadTestStatus.Completed, timeout);
        await AssertCompletedExactlyOnceAsync(ids);
    }

    /// <summary>Asserts each test ended Completed exactly once: one stored result, one Completed event.</summary>
    public async Task AssertCompletedExactlyOnceAsync(IEnumerable<string> ids)
    {
        var guids = ids.Select(Guid.Parse).ToList();
        await using var context = CreateDbContext();
        var results = await context.TestResults.AsNoTracking().Where(r => guids.Contains(r.TestId)).GroupBy(r => r.TestId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var completions = await context.TestStateEvents.AsNoTracking().Where(e => guids.Contains(e.TestId) && e.Status == LoadTestStatus.Completed).GroupBy(e => e.TestId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(guids.Count, results.Count);
        Assert.All(results, r => Assert.Equal(1, r.Count));
        Assert.Equal(guids.Count, completions.Count);
        Assert.All(completions, c => Assert.Equal(1, c.Count));
    }

    public PerfFleetDbContext CreateDbContext() => ownServer?.CreateDbContext() ?? database.CreateDbContext();

    public string Diagnostics() =>
        string.Join("\n", Coordinators.Select(c => c.Process.Describe()).Concat(workers.Select(w => w.Describe())));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        foreach (var coordinator in Coordinators)
        {
            coordinator.Dispose();
        }

        if (ownServer is not null)
        {
            await ownServer.DisposeAsync();
        }
        else
        {
            await database.DisposeAsync();
        }

        if (System.IO.Directory.Exists(dataDirectory))
        {
            System.IO.Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
