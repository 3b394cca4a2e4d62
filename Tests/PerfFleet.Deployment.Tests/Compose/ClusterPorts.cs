using System.Globalization;
using PerfFleet.Testing.Net;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>Free loopback ports for every listener of deploy/compose.yml, so runs never collide.</summary>
public sealed record ClusterPorts(
    int Database,
    int Coordinator1Web,
    int Coordinator1Grpc,
    int Coordinator2Web,
    int Coordinator2Grpc,
    int Worker1Grpc,
    int Worker1Metrics,
    int Worker2Grpc,
    int Worker2Metrics)
{
    public static ClusterPorts Allocate() => new(
        FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(),
        FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());

    /// <summary>The compose.yml variables that set these ports.</summary>
    public IReadOnlyDictionary<string, string> ToVariables() => new Dictionary<string, string>
    {
        ["PERFFLEET_DB_PORT"] = Text(Database),
        ["PERFFLEET_COORDINATOR_1_WEB_PORT"] = Text(Coordinator1Web),
        ["PERFFLEET_COORDINATOR_1_GRPC_PORT"] = Text(Coordinator1Grpc),
        ["PERFFLEET_COORDINATOR_2_WEB_PORT"] = Text(Coordinator2Web),
        ["PERFFLEET_COORDINATOR_2_GRPC_PORT"] = Text(Coordinator2Grpc),
        ["PERFFLEET_WORKER_1_GRPC_PORT"] = Text(Worker1Grpc),
        ["PERFFLEET_WORKER_1_METRICS_PORT"] = Text(Worker1Metrics),
        ["PERFFLEET_WORKER_2_GRPC_PORT"] = Text(Worker2Grpc),
        ["PERFFLEET_WORKER_2_METRICS_PORT"] = Text(Worker2Metrics),
    };

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
