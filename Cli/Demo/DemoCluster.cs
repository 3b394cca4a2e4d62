using System.Globalization;
using System.Security.Cryptography;

namespace PerfFleet.Cli.Demo;

/// <summary>The demo's processes and the secrets they share, and the configuration each is started with.</summary>
public sealed class DemoCluster(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public string AdminToken { get; } = NewSecret();

    public string FleetToken { get; } = NewSecret();

    public string WebhookSecret { get; } = NewSecret();

    public List<DemoCoordinator> Coordinators { get; } = [];

    public List<DemoWorker> Workers { get; } = [];

    public DemoCoordinator AddCoordinator(int webPort, int grpcPort)
    {
        var coordinator = new DemoCoordinator(webPort, grpcPort);
        Coordinators.Add(coordinator);
        return coordinator;
    }

    public DemoWorker AddWorker(string id, int grpcPort, string workDirectory)
    {
        var worker = new DemoWorker(id, grpcPort, workDirectory);
        Workers.Add(worker);
        return worker;
    }

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}

public sealed record DemoCoordinator(int WebPort, int GrpcPort)
{
    public Uri WebUrl => new($"http://127.0.0.1:{WebPort}");

    public string GrpcUrl => $"http://127.0.0.1:{GrpcPort}";

    public Dictionary<string, string> Environment(DemoCluster cluster) => new()
    {
        ["PerfFleet__Coordinator__WebPort"] = WebPort.ToString(CultureInfo.InvariantCulture),
        ["PerfFleet__Coordinator__GrpcPort"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
        ["PerfFleet__Coordinator__AdvertisedAddress"] = GrpcUrl,
        ["PerfFleet__Coordinator__PublicUrl"] = cluster.Coordinators[0].WebUrl.ToString().TrimEnd('/'),
        ["PerfFleet__Database__ConnectionString"] = cluster.ConnectionString,
        ["PerfFleet__Security__AdminTokens__0"] = cluster.AdminToken,
        ["PerfFleet__Security__FleetToken"] = cluster.FleetToken,
        ["PerfFleet__Scheduling__LivenessTimeoutSeconds"] = "15",
    };
}

public sealed record DemoWorker(string Id, int GrpcPort, string WorkDirectory)
{
    public Dictionary<string, string> Environment(DemoCluster cluster)
    {
        var environment = new Dictionary<string, string>
        {
            ["PerfFleet__Worker__Id"] = Id,
            ["PerfFleet__Worker__GrpcPort"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Worker__MetricsPort"] = "0",
            ["PerfFleet__Worker__AdvertisedAddress"] = $"http://127.0.0.1:{GrpcPort}",
            ["PerfFleet__Worker__WorkDirectory"] = WorkDirectory,
            ["PerfFleet__Worker__Capacity__ConcurrentTests"] = "1",
            ["PerfFleet__Worker__Capacity__RequestRate"] = "5000",
            ["PerfFleet__Security__FleetToken"] = cluster.FleetToken,
        };
        for (var i = 0; i < cluster.Coordinators.Count; i++)
        {
            environment[$"PerfFleet__Worker__Coordinators__{i}"] = cluster.Coordinators[i].GrpcUrl;
        }

        return environment;
    }
}
