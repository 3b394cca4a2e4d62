using System.Globalization;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>Tests/PerfFleet.SimulatedWorker started as its own process.</summary>
public static class SimulatedWorkerProcess
{
    public static string Dll => Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.SimulatedWorker", "bin", CoordinatorProcess.BuildConfiguration, "net10.0", "perffleet-simulated-worker.dll");

    public static ChildProcess Start(string name, IEnumerable<string> coordinators, TimeSpan runTime, int capacity = 4, TimeSpan updateDelay = default) =>
        ChildProcess.Start(name, Dll,
        [
            "--name", name,
            "--coordinators", string.Join(',', coordinators),
            "--fleet-token", CoordinatorTestHost.FleetToken,
            "--run-ms", ((int)runTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--capacity", capacity.ToString(CultureInfo.InvariantCulture),
            "--heartbeat-ms", "300",
            "--update-delay-ms", ((int)updateDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ],
        new Dictionary<string, string>());
}
