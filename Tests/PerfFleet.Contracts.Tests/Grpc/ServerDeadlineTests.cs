using System.Net;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>The server enforces grpc-timeout by itself (a raw HTTP/2 client that does not enforce deadlines).</summary>
public sealed class ServerDeadlineTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;

    public async Task InitializeAsync() => server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Unary_GrpcTimeoutHeader_ServerEndsCallWithDeadlineExceeded()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(server.CleartextAddress + "/perffleet.testing.Echo/Unary", RawGrpc.Frame(new EchoRequest { DelayMs = 10_000 }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", RawGrpc.GrpcStatus(response));
        await server.Observer.CancelledAsync("/perffleet.testing.Echo/Unary");
    }

    [Fact]
    public async Task Unary_MalformedGrpcTimeout_InternalNamingTheHeader()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(server.CleartextAddress + "/perffleet.testing.Echo/Unary", RawGrpc.Frame(new EchoRequest()));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "soon");

        using var response = await http.SendAsync(request);

        Assert.Equal("13", RawGrpc.GrpcStatus(response));
        Assert.Contains("grpc-timeout", RawGrpc.GrpcMessage(response), StringComparison.Ordinal);
    }
}
