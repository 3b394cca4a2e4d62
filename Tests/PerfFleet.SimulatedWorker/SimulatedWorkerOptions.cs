using System.Globalization;

namespace PerfFleet.SimulatedWorker;

/// <summary>
/// What one simulated worker process is told on its command line:
/// <c>--coordinators http://a,http://b --fleet-token T --workers N --run-ms 500 --capacity 2 --name w --heartbeat-ms 500 --update-delay-ms 0</c>
/// (a delay before it answers Worker.Update: a slow or frozen worker).
/// </summary>
public sealed record SimulatedWorkerOptions(
    IReadOnlyList<string> Coordinators,
    string FleetToken,
    int Workers,
    TimeSpan RunTime,
    int Capacity,
    string Name,
    TimeSpan HeartbeatInterval)
{
    /// <summary>How long Worker.Update waits before it answers.</summary>
    public TimeSpan UpdateDelay { get; init; }

    public static SimulatedWorkerOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);
        int Int(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var coordinators = Get("coordinators", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (coordinators.Length == 0)
        {
            throw new ArgumentException("--coordinators is required (comma-separated gRPC addresses)");
        }

        return new SimulatedWorkerOptions(
            coordinators,
            Get("fleet-token", Environment.GetEnvironmentVariable("PERFFLEET_FLEET_TOKEN") ?? string.Empty),
            Int("workers", 1),
            TimeSpan.FromMilliseconds(Int("run-ms", 500)),
            Int("capacity", 2),
            Get("name", "sim-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)),
            TimeSpan.FromMilliseconds(Int("heartbeat-ms", 500)))
        {
            UpdateDelay = TimeSpan.FromMilliseconds(Int("update-delay-ms", 0)),
        };
    }
}
