using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Bench.Scheduler;

/// <summary>
/// Coordinators and one process of simulated workers (accept, finish at once): schedule → accepted
/// latency, dispatches per second, coordinator CPU per heartbeat, and failover time over leader kills.
/// </summary>
public sealed class SchedulerBenchmark(BenchOptions options) : IAsyncDisposable
{
    private const string AdminToken = "bench-admin-token";
    private const string FleetToken = "bench-fleet-token";
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long CPU is measured over, after <see cref="CpuWarmUp"/> of settling.</summary>
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan CpuWarmUp = TimeSpan.FromSeconds(10);
    private static readonly Metadata Admin = new() { { "authorization", "Bearer " + AdminToken } };

    private readonly List<BenchCoordinator> coordinators = [];
    private readonly ConcurrentDictionary<string, long> accepted = new(StringComparer.Ordinal);
    private BenchProcess? workers;

    public async Task<int> RunAsync()
    {
        for (var i = 0; i < options.Coordinators; i++)
        {
            var coordinator = new BenchCoordinator(options.CoordinatorDll, options.ConnectionString, AdminToken, FleetToken);
            coordinator.Start();
            coordinators.Add(coordinator);

            // The first one migrates the empty database; the others start on the migrated schema.
            if (i == 0)
            {
                await WaitAsync(async () => await coordinator.ReadinessAsync() is { Ready: true }, TimeSpan.FromMinutes(3), "the first coordinator ready");
            }
        }

        await LeaderAsync(TimeSpan.FromMinutes(3));

        // What the coordinators cost with no worker at all (leadership, polls, timers), after their start-up.
        await Task.Delay(CpuWarmUp);
        var idleCpuPerSecond = await CpuPerSecondAsync(CpuWindow);
        workers = BenchProcess.Start(options.WorkerDll,
        [
            "--name", "bench", "--workers", options.Workers.ToString(CultureInfo.InvariantCulture), "--capacity", "20", "--run-ms", options.RunMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--heartbeat-ms", ((int)HeartbeatInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--fleet-token", FleetToken, "--coordinators", string.Join(',', coordinators.Select(c => c.GrpcAddress)),
        ], new Dictionary<string, string>(), OnWorkerLine);
        await WaitAsync(async () => (await new Fleet.FleetClient(coordinators[0].Channel).ListWorkersAsync(new ListWorkersRequest(), Admin)).Workers.Count >= options.Workers, TimeSpan.FromMinutes(3), "all workers heartbeating");

        // Heartbeats after the first ones (connections, JIT) are done with; the idle cost is not theirs.
        await Task.Delay(CpuWarmUp);
        var heartbeatsPerSecond = options.Workers / HeartbeatInterval.TotalSeconds;
        var busyCpuPerSecond = await CpuPerSecondAsync(CpuWindow);
        var cpuPerHeartbeat = (busyCpuPerSecond - idleCpuPerSecond) / heartbeatsPerSecond;
        var cpuBefore = CoordinatorCpuSeconds();
        var (p50, p99, rate) = await ScheduleManyAsync();
        var cpuPerTest = (CoordinatorCpuSeconds() - cpuBefore) * 1000 / options.Tests;

        // Workers that hold their tests (BENCH_RUN_MS=60000) send busy heartbeats, each reporting
        // every test the worker runs: measured while they still hold them, the idle cost subtracted.
        double? cpuPerBusyHeartbeat = options.RunMilliseconds >= 30_000
            ? (await CpuPerSecondAsync(CpuWindow) - idleCpuPerSecond) / heartbeatsPerSecond
            : null;
        var arrivals = new List<(int PerSecond, double P50, double P99, double Achieved)>();
        foreach (var perSecond in options.Arrivals)
        {
            arrivals.Add(await SteadyArrivalsAsync(perSecond, TimeSpan.FromSeconds(options.ArrivalSeconds)));
        }

        var held = options.XminHoldSeconds > 0 ? await DispatchWithXminHeldAsync(TimeSpan.FromSeconds(options.XminHoldSeconds)) : (double?)null;
        var unary = await UnaryCallsPerSecondAsync(TimeSpan.FromSeconds(5));
        var failovers = await FailoversAsync();

        Console.WriteLine($"scheduler: tests={options.Tests} workers={options.Workers} (one process) coordinators={options.Coordinators} cores={Environment.ProcessorCount} test run={options.RunMilliseconds} ms");
        Console.WriteLine($"schedule->accepted latency: p50 {p50:0} ms, p99 {p99:0} ms (goal p50 < 100 ms, p99 < 1000 ms)");
        Console.WriteLine($"dispatches per second: {rate:0} (goal >= 500)");
        foreach (var (perSecond, arrivalP50, arrivalP99, achieved) in arrivals)
        {
            Console.WriteLine($"steady {perSecond} tests/s for {options.ArrivalSeconds} s (achieved {achieved:0}/s): schedule->accepted p50 {arrivalP50:0} ms, p99 {arrivalP99:0} ms (goal at 100/s: p50 < 50 ms, p99 < 250 ms)");
        }

        if (held is { } heldRate)
        {
            Console.WriteLine($"dispatches per second with xmin held back {options.XminHoldSeconds} s by a transaction open elsewhere: {heldRate:0} ({heldRate / rate:0.00} x the burst without; goal: drops by less than half)");
        }

        Console.WriteLine($"coordinator CPU per heartbeat: {cpuPerHeartbeat:0.00} ms ({options.Workers} workers, one heartbeat per {HeartbeatInterval.TotalSeconds:0} s each; the coordinators' idle CPU subtracted)");
        if (cpuPerBusyHeartbeat is { } busy)
        {
            Console.WriteLine($"coordinator CPU per busy heartbeat: {busy:0.00} ms ({options.Tests} tests held by {options.Workers} workers, the idle CPU subtracted)");
        }

        Console.WriteLine($"coordinator CPU idle: {idleCpuPerSecond / options.Coordinators:0.0} ms per second each ({options.Coordinators} coordinators, no workers); with the heartbeats: {busyCpuPerSecond / heartbeatsPerSecond:0.00} ms per heartbeat in all");
        Console.WriteLine($"coordinator CPU per test: {cpuPerTest:0.00} ms (Schedule, dispatch, results, all coordinators, heartbeats included)");
        Console.WriteLine($"unary admin calls per second: {unary:0} (LoadTests.Get, 16 in flight on one channel, as the CLI's client)");
        if (failovers.Count > 0)
        {
            failovers.Sort();
            Console.WriteLine($"failover (kill -9 leader -> probe test accepted), {failovers.Count} kills: min {failovers[0]:0} ms, median {failovers[failovers.Count / 2]:0} ms, max {failovers[^1]:0} ms (goal < 3000 ms)");
        }

        return 0;
    }

    private void OnWorkerLine(string line)
    {
        // ACCEPTED <worker> <test> <attempt> <unix ms>
        var parts = line.Split(' ');
        if (parts.Length == 5 && parts[0] == "ACCEPTED")
        {
            accepted.TryAdd(parts[2], long.Parse(parts[4], CultureInfo.InvariantCulture));
        }
    }

    private double CoordinatorCpuSeconds() => coordinators.Sum(c => c.Process!.CpuSeconds());

    /// <summary>Unary admin calls through one channel, as the CLI makes them: read one stored test, 16 at a time.</summary>
    private async Task<double> UnaryCallsPerSecondAsync(TimeSpan window)
    {
        var client = new LoadTests.LoadTestsClient(coordinators[0].Channel);
        var id = accepted.Keys.First();
        var calls = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (watch.Elapsed < window)
            {
                await client.GetAsync(new GetTestRequest { Id = id }, Admin);
                Interlocked.Increment(ref calls);
            }
        }));
        return calls / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Milliseconds of CPU a second that all coordinator processes use over <paramref name="window"/>.</summary>
    private async Task<double> CpuPerSecondAsync(TimeSpan window)
    {
        var before = CoordinatorCpuSeconds();
        await Task.Delay(window);
        return (CoordinatorCpuSeconds() - before) * 1000 / window.TotalSeconds;
    }

    private async Task<(double P50, double P99, double Rate)> ScheduleManyAsync()
    {
        var scheduledAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var next = -1;
        var callers = Enumerable.Range(0, 16).Select(async caller =>
        {
            var client = new LoadTests.LoadTestsClient(coordinators[caller % coordinators.Count].Channel);
            while (Interlocked.Increment(ref next) < options.Tests)
            {
                var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var test = await client.ScheduleAsync(new ScheduleRequest { Spec = Spec() }, Admin);
                scheduledAt[test.Id] = start;
            }
        });
        await Task.WhenAll(callers);
        await WaitAsync(() => Task.FromResult(scheduledAt.Keys.All(accepted.ContainsKey)), TimeSpan.FromMinutes(10), "every test accepted by a worker");

        var latencies = scheduledAt.Select(p => (double)(accepted[p.Key] - p.Value)).Order().ToList();
        var times = scheduledAt.Keys.Select(id => accepted[id]).Order().ToList();
        var rate = times.Count / Math.Max(0.001, (times[^1] - times[0]) / 1000.0);
        return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], rate);
    }

    /// <summary>
    /// Tests that arrive at a steady <paramref name="perSecond"/> (open model: a call is made at its
    /// due time whether or not earlier ones have returned), latency counted from the due time so a
    /// caller that falls behind shows as latency, not as fewer arrivals.
    /// </summary>
    private async Task<(int PerSecond, double P50, double P99, double Achieved)> SteadyArrivalsAsync(int perSecond, TimeSpan duration)
    {
        var clients = coordinators.Select(c => new LoadTests.LoadTestsClient(c.Channel)).ToArray();
        var dueAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var total = (int)(perSecond * duration.TotalSeconds);
        var calls = new List<Task>(total);
        var startUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait);
            }

            var client = clients[i % clients.Length];
            var dueUnixMs = startUnixMs + (long)due.TotalMilliseconds;
            calls.Add(Task.Run(async () => dueAt[(await client.ScheduleAsync(new ScheduleRequest { Spec = Spec() }, Admin)).Id] = dueUnixMs));
        }

        await Task.WhenAll(calls);
        var achieved = total / clock.Elapsed.TotalSeconds;
        await WaitAsync(() => Task.FromResult(dueAt.Keys.All(accepted.ContainsKey)), TimeSpan.FromMinutes(10), $"every test arriving at {perSecond}/s accepted by a worker");
        var latencies = dueAt.Select(p => (double)(accepted[p.Key] - p.Value)).Order().ToList();
        return (perSecond, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], achieved);
    }

    /// <summary>
    /// A transaction opened elsewhere (a report, a forgotten psql session) holds a snapshot, so
    /// no row version the heartbeats, claims and results replace after it can be vacuumed or
    /// pruned: after <paramref name="hold"/> of that churn, a second burst is dispatched while the
    /// snapshot is still held, and its rate is compared with the first.
    /// </summary>
    private async Task<double> DispatchWithXminHeldAsync(TimeSpan hold)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using (var snapshot = new NpgsqlCommand("SELECT count(*) FROM load_tests", connection, transaction))
        {
            await snapshot.ExecuteScalarAsync(); // the snapshot is taken at the first statement
        }

        await Task.Delay(hold);
        var (_, _, rate) = await ScheduleManyAsync();
        await transaction.RollbackAsync();
        return rate;
    }

    private async Task<List<double>> FailoversAsync()
    {
        var results = new List<double>();
        for (var kill = 0; kill < options.Kills && options.Coordinators > 1; kill++)
        {
            var leader = await LeaderAsync(TimeSpan.FromMinutes(3));
            var survivor = coordinators.First(c => c != leader);
            leader.Process!.Kill();
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var probe = await new LoadTests.LoadTestsClient(survivor.Channel).ScheduleAsync(new ScheduleRequest { Spec = Spec() }, Admin);
            await WaitAsync(() => Task.FromResult(accepted.ContainsKey(probe.Id)), TimeSpan.FromMinutes(1), "the probe test accepted after a leader kill");
            results.Add(accepted[probe.Id] - killedAt);
            Console.WriteLine($"  kill {kill + 1}: {results[^1]:0} ms");
            leader.Process.Dispose();
            leader.Start();
        }

        return results;
    }

    private async Task<BenchCoordinator> LeaderAsync(TimeSpan timeout)
    {
        BenchCoordinator? leader = null;
        await WaitAsync(async () =>
        {
            var states = await Task.WhenAll(coordinators.Select(c => c.ReadinessAsync()));
            leader = states.All(s => s is { Ready: true }) && states.Count(s => s is { Leader: true }) == 1
                ? coordinators[Array.FindIndex(states, s => s is { Leader: true })]
                : null;
            return leader is not null;
        }, timeout, "every coordinator ready and one leader");
        return leader!;
    }

    private static LoadTestSpec Spec() => new()
    {
        Repository = "bench/service",
        CloneUrl = "https://git.example.invalid/bench/service.git",
        Commit = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        Scenario = "api",
        Kind = TestKind.Test,
        Rate = 10,
        Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
    };

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout} for {what}");
            }

            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        workers?.Dispose();
        foreach (var coordinator in coordinators)
        {
            coordinator.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
