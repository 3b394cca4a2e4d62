using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class MessageSizeTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;

    public async Task InitializeAsync() => server = await GrpcTestServer.StartAsync(options =>
    {
        options.MaxReceiveMessageSize = 128 * 1024;
        options.MaxSendMessageSize = 64 * 1024;
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task UnaryAsync_RequestOverServerReceiveLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(server.CleartextAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200 * 1024]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverClientSendLimit_ResourceExhaustedWithoutSending()
    {
        using var channel = GrpcChannel.ForAddress(server.CleartextAddress, new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_ReplyOverClientReceiveLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(server.CleartextAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[32 * 1024]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Received", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStream_ReplyOverServerSendLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(server.CleartextAddress);

        // The request (100 KB) fits the server's receive limit (128 KB); its echo does not fit the send limit (64 KB).
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Count = 1, Payload = ByteString.CopyFrom(new byte[100 * 1024]) });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_LargeMessageWithinLimits_RoundTrips()
    {
        using var channel = GrpcChannel.ForAddress(server.CleartextAddress);
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 60 * 1024).Select(i => (byte)i).ToArray());

        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = payload });

        Assert.Equal(payload, reply.Payload);
    }
}
