using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class ErrorAndMetadataTests : EchoServerTestBase
{
    [Fact]
    public async Task UnaryAsync_ServiceThrowsRpcException_ClientGetsItsStatusAndTrailers()
    {
        var client = new Echo.EchoClient(Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "rate: must be > 0 — got ünïcode 100%" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("rate: must be > 0 — got ünïcode 100%", error.Status.Detail);
        Assert.Equal([1, 2, 3], error.Trailers.GetValueBytes("x-error-detail-bin"));
    }

    [Fact]
    public async Task UnaryAsync_ServiceThrowsPlainException_UnknownWithoutLeakingItsText()
    {
        var client = new Echo.EchoClient(Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryAsync(new EchoRequest { ThrowPlain = true }));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_RequestHeaders_ServiceSeesThemIncludingAuthorizationAndBinary()
    {
        var client = new Echo.EchoClient(Channel);
        var headers = new Metadata
        {
            { "authorization", "Bearer token-123" },
            { "X-Custom", "value" },
            { "trace-bin", new byte[] { 0, 255, 10 } },
        };

        var reply = await client.UnaryAsync(new EchoRequest(), headers);

        Assert.Equal("Bearer token-123", reply.Headers["authorization"]);
        Assert.Equal("value", reply.Headers["x-custom"]);
        Assert.Equal(Convert.ToBase64String([0, 255, 10]), reply.Headers["trace-bin"]);
        Assert.False(reply.Headers.ContainsKey("grpc-timeout"));
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethod_Unimplemented()
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "perffleet.testing.Echo", "NoSuchMethod", Marshallers.Create<EchoRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoRequest.Parser.ParseFrom), Marshallers.Create<EchoReply>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoReply.Parser.ParseFrom));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_UnknownService_Unimplemented()
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "nobody.Here", "Unary", Marshallers.Create<EchoRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoRequest.Parser.ParseFrom), Marshallers.Create<EchoReply>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoReply.Parser.ParseFrom));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ConnectionRefused_Unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var deadChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(deadChannel).UnaryAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public void Metadata_InvalidKeyOrValue_ThrowsNamingTheProblem()
    {
        var metadata = new Metadata();

        Assert.Contains("\"bad key\"", Assert.Throws<ArgumentException>(() => metadata.Add("bad key", "v")).Message, StringComparison.Ordinal);
        Assert.Contains("-bin", Assert.Throws<ArgumentException>(() => metadata.Add("data-bin", "text")).Message, StringComparison.Ordinal);
        Assert.Contains("-bin", Assert.Throws<ArgumentException>(() => metadata.Add("data", new byte[] { 1 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => metadata.Add("key", "line\nbreak"));
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("a", "b"));
    }

    [Fact]
    public void ForAddress_UnsupportedScheme_ThrowsNamingTheAddress()
    {
        var error = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("ftp://127.0.0.1:1"));

        Assert.Contains("ftp://127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }
}
