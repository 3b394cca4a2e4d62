using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>One coordinator service of the compose cluster, reached on its host ports over loopback.</summary>
public sealed class ClusterCoordinator : IDisposable
{
    private readonly HttpClient _http;
    private readonly GrpcChannel _channel;

    public ClusterCoordinator(string service, int webPort, int grpcPort)
    {
        Service = service;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        _channel = GrpcChannel.ForAddress(GrpcAddress);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The compose service name (coordinator-1, coordinator-2).</summary>
    public string Service { get; }

    /// <summary>Its advertised gRPC address, as ListWorkers reports the leader's.</summary>
    public string GrpcAddress { get; }

    public LoadTests.LoadTestsClient LoadTests => new(_channel);

    public Fleet.FleetClient Fleet => new(_channel);

    public Repositories.RepositoriesClient Repositories => new(_channel);

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>/readyz, or null while the coordinator does not answer (starting, or killed).</summary>
    public async Task<CoordinatorReadiness?> ReadinessAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new CoordinatorReadiness(body.GetProperty("ready").GetBoolean(), body.GetProperty("leader").GetBoolean(), body.GetProperty("epoch").GetInt64());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }
}
