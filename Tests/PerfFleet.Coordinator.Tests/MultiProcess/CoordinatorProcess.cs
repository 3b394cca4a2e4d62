using System.Globalization;
using Grpc.Net.Client;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Net;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>A coordinator started from its built dll, configured by environment variables as in production.</summary>
public sealed class CoordinatorProcess : IDisposable
{
    private readonly HttpClient http;

    private CoordinatorProcess(ChildProcess process, int webPort, int grpcPort)
    {
        Process = process;
        WebPort = webPort;
        GrpcPort = grpcPort;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public ChildProcess Process { get; }

    public int WebPort { get; }

    public int GrpcPort { get; }

    public string GrpcAddress { get; }

    public GrpcChannel Channel { get; }

    public Uri WebUrl => new($"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}");

    public PerfFleet.Contracts.V1.LoadTests.LoadTestsClient LoadTests => new(Channel);

    public static string Dll => Path.Combine(TestPaths.RepositoryRoot, "Coordinator", "bin", BuildConfiguration, "net10.0", "perffleet-coordinator.dll");

    /// <summary>Debug or Release: the configuration these tests were built with.</summary>
    public static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>
    /// Starts a coordinator; <paramref name="webPort"/>/<paramref name="grpcPort"/> reuse the ports of an
    /// earlier run (a restart); <paramref name="settings"/> override environment variables.
    /// </summary>
    public static CoordinatorProcess Start(string name, string connectionString, string dataDirectory, int webPort = 0, int grpcPort = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        webPort = webPort == 0 ? FreePort.Next() : webPort;
        grpcPort = grpcPort == 0 ? FreePort.Next() : grpcPort;
        var environment = new Dictionary<string, string>
        {
            ["PerfFleet__Coordinator__ListenAddress"] = "127.0.0.1",
            ["PerfFleet__Coordinator__WebPort"] = webPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Coordinator__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Database__ConnectionString"] = connectionString,
            ["PerfFleet__Database__DataDirectory"] = dataDirectory,
            ["PerfFleet__Security__AdminTokens__0"] = CoordinatorTestHost.AdminToken,
            ["PerfFleet__Security__FleetToken"] = CoordinatorTestHost.FleetToken,
            ["PerfFleet__Scheduling__LivenessTimeoutSeconds"] = "3",
            ["PerfFleet__Scheduling__PollIntervalMilliseconds"] = "200",
            ["PerfFleet__Scheduling__AssignmentTimeoutSeconds"] = "15",
            ["PerfFleet__Leadership__RetryIntervalMilliseconds"] = "250",
            ["PerfFleet__Leadership__CheckIntervalMilliseconds"] = "250",
            ["PerfFleet__GitHub__ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new CoordinatorProcess(ChildProcess.Start(name, Dll, [], environment), webPort, grpcPort);
    }

    /// <summary>/readyz, or null while the process does not answer.</summary>
    public Task<CoordinatorReadiness?> ReadinessAsync() => CoordinatorReadiness.ReadAsync(http);

    public void Dispose()
    {
        Process.Dispose();
        http.Dispose();
        Channel.Dispose();
    }
}

