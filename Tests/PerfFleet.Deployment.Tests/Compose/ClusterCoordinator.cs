using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

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

    /// <summary>/readyz, or null while the coordinator does not answer (starting, or killed).</summary>
    public Task<CoordinatorReadiness?> ReadinessAsync() => CoordinatorReadiness.ReadAsync(_http);

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }
}
