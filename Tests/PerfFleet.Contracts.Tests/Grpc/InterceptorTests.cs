using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class InterceptorTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;
    private GrpcChannel channel = null!;

    public async Task InitializeAsync()
    {
        server = await GrpcTestServer.StartAsync(grpc: builder => builder.AddServiceOptions<EchoService>(o => o.Interceptors.Add<BearerTokenInterceptor>("s3cret")));
        channel = GrpcChannel.ForAddress(server.CleartextAddress);
    }

    public async Task DisposeAsync()
    {
        channel.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task UnaryAsync_ValidBearerToken_Succeeds()
    {
        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "ok" }, new Metadata { { "authorization", "Bearer s3cret" } });

        Assert.Equal("ok", reply.Message);
    }

    [Fact]
    public async Task UnaryAsync_MissingToken_Unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Missing bearer token.", error.Status.Detail);
    }

    [Fact]
    public async Task ServerStream_WrongToken_UnauthenticatedBeforeAnyMessage()
    {
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Count = 3 }, new Metadata { { "authorization", "Bearer wrong" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
