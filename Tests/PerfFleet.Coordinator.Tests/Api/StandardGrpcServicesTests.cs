using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// The standard gRPC services a grpc-dotnet server is expected to have: health (for probes, which
/// carry no token) and reflection (so grpcurl-style tools list and call the API without the
/// protos). Everything else still needs a token.
/// </summary>
public sealed class StandardGrpcServicesTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task HealthCheck_NoToken_ServingOnceTheDatabaseIsReady()
    {
        var health = new Health.HealthClient(fixture.Host.Channel);

        var answer = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    [Fact]
    public async Task Reflection_NoToken_ListsThePerfFleetServices()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("perffleet.v1.LoadTests", services);
        Assert.Contains("perffleet.v1.Fleet", services);
        Assert.Contains("perffleet.v1.Repositories", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task AdminCall_StillNeedsAToken()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Host.LoadTests.ListAsync(new PerfFleet.Contracts.V1.ListTestsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }
}
