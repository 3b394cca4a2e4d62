using System.Globalization;

namespace PerfFleet.Bench.Scheduler;

/// <summary>
/// The benchmark's parameters (defaults: 1,000 tests, 100 workers, 20 leader kills, 3 coordinators,
/// tests that finish at once). <see cref="RunMilliseconds"/> is how long a simulated worker holds a
/// test before it reports results: 0 measures the whole cycle (dispatch and results ingestion at
/// the same time), a minute measures dispatching alone. <see cref="Arrivals"/> are the steady rates
/// (tests a second) tests then arrive at for <see cref="ArrivalSeconds"/> each, besides the burst.
/// <see cref="XminHoldSeconds"/> (0: not measured) is how long a transaction opened elsewhere holds
/// the database's xmin back before a second burst is dispatched while it still does.
/// </summary>
public sealed record BenchOptions(string ConnectionString, string CoordinatorDll, string WorkerDll, int Tests, int Workers, int Kills, int Coordinators, int RunMilliseconds, IReadOnlyList<int> Arrivals, int ArrivalSeconds, int XminHoldSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string Required(string key) => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
        return new BenchOptions(Required("connection-string"), Required("coordinator-dll"), Required("worker-dll"), Int("tests", 1000), Int("workers", 100), Int("kills", 20), Int("coordinators", 3), Int("run-ms", 0),
            [.. (values.TryGetValue("arrivals", out var a) ? a : "100,400").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture))],
            Int("arrival-seconds", 10), Int("xmin-hold-seconds", 60));
    }
}
