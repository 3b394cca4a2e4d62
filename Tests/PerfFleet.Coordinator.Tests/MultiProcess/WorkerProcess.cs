using System.Globalization;
using PerfFleet.Testing;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>
/// The real worker (Worker/, its built dll) as its own process, configured by environment
/// variables as in production. Started again with the same id, port and work directory it is
/// the same worker in a new process, as after a crash, a deploy or a pod rescheduled under its name.
/// </summary>
public static class WorkerProcess
{
    public static string Dll => Path.Combine(TestPaths.RepositoryRoot, "Worker", "bin", CoordinatorProcess.BuildConfiguration, "net10.0", "perffleet-worker.dll");

    public static ChildProcess Start(string name, int grpcPort, string workDirectory, IEnumerable<string> coordinators, int capacity)
    {
        var environment = new Dictionary<string, string>
        {
            ["PerfFleet__Worker__Id"] = name,
            ["PerfFleet__Worker__ListenAddress"] = "127.0.0.1",
            ["PerfFleet__Worker__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Worker__MetricsPort"] = "0",
            ["PerfFleet__Worker__AdvertisedAddress"] = $"http://127.0.0.1:{grpcPort.ToString(CultureInfo.InvariantCulture)}",
            ["PerfFleet__Worker__WorkDirectory"] = workDirectory,
            ["PerfFleet__Worker__HeartbeatInterval"] = "00:00:00.300",
            ["PerfFleet__Worker__Capacity__ConcurrentTests"] = capacity.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Worker__Capacity__RequestRate"] = "5000",
            ["PerfFleet__Worker__Compose__DockerHost"] = "unix://" + Path.Combine(workDirectory, "no-docker.sock"),
            ["PerfFleet__Security__FleetToken"] = CoordinatorTestHost.FleetToken,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        var i = 0;
        foreach (var coordinator in coordinators)
        {
            environment[$"PerfFleet__Worker__Coordinators__{(i++).ToString(CultureInfo.InvariantCulture)}"] = coordinator;
        }

        return ChildProcess.Start(name, Dll, [], environment);
    }
}
