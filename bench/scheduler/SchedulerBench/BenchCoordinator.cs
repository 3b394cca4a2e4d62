using System.Globalization;
using System.Text.Json;
using Grpc.Net.Client;
using PerfFleet.Common.Net;

namespace PerfFleet.Bench.Scheduler;

/// <summary>A coordinator process on fixed loopback ports, restartable on the same ports.</summary>
public sealed class BenchCoordinator(string dll, string connectionString, string adminToken, string fleetToken) : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public int WebPort { get; } = LoopbackPorts.Next();

    public int GrpcPort { get; } = LoopbackPorts.Next();

    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    public BenchProcess? Process { get; private set; }

    private GrpcChannel? channel;

    public GrpcChannel Channel => channel ??= GrpcChannel.ForAddress(GrpcAddress);

    public void Start()
    {
        Process = BenchProcess.Start(dll, [], new Dictionary<string, string>
        {
            ["PerfFleet__Coordinator__ListenAddress"] = "127.0.0.1",
            ["PerfFleet__Coordinator__WebPort"] = WebPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Coordinator__GrpcPort"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet__Database__ConnectionString"] = connectionString,
            ["PerfFleet__Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), "perffleet-bench-" + GrpcPort.ToString(CultureInfo.InvariantCulture)),
            ["PerfFleet__Security__AdminTokens__0"] = adminToken,
            ["PerfFleet__Security__FleetToken"] = fleetToken,
            ["PerfFleet__Quotas__MaxConcurrentTestsPerRepository"] = "100000",
            ["PerfFleet__Scheduling__LivenessTimeoutSeconds"] = "10",
            ["PerfFleet__Leadership__RetryIntervalMilliseconds"] = "250",
            ["PerfFleet__Leadership__CheckIntervalMilliseconds"] = "250",
            ["PerfFleet__GitHub__ApiBaseUrl"] = $"http://127.0.0.1:{LoopbackPorts.Next()}/",
            ["Logging__LogLevel__Default"] = "Warning",
        });
    }

    /// <summary>(ready, leader, epoch) from /readyz, or null while it does not answer.</summary>
    public async Task<(bool Ready, bool Leader, long Epoch)?> ReadinessAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{WebPort}/readyz"));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = body.RootElement;
            return (root.GetProperty("ready").GetBoolean(), root.GetProperty("leader").GetBoolean(), root.GetProperty("epoch").GetInt64());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Process?.Dispose();
        channel?.Dispose();
    }
}
