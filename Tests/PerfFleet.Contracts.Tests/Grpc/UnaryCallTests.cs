using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class UnaryCallTests : EchoServerTestBase
{
    [Fact]
    public async Task UnaryAsync_Cleartext_ReturnsReplyHeadersAndTrailers()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.UnaryAsync(new EchoRequest { Message = "hello" });
        var reply = await call;

        Assert.Equal("hello", reply.Message);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("unary-done", call.GetTrailers().GetValue("x-trailer"));
    }

    [Fact]
    public void BlockingUnaryCall_Cleartext_ReturnsReply()
    {
        var client = new Echo.EchoClient(Channel);

        var reply = client.Unary(new EchoRequest { Message = "blocking" });

        Assert.Equal("blocking", reply.Message);
    }

    [Fact]
    public async Task UnaryAsync_Tls_NegotiatesHttp2AndReturnsReply()
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Server.Certificate.GetCertHashString();
        using var tlsChannel = GrpcChannel.ForAddress(Server.TlsAddress, new GrpcChannelOptions { HttpHandler = handler });
        var client = new Echo.EchoClient(tlsChannel);

        var reply = await client.UnaryAsync(new EchoRequest { Message = "over tls" });

        Assert.Equal("over tls", reply.Message);
    }

    [Fact]
    public async Task UnaryAsync_ManyConcurrentCalls_AllSucceed()
    {
        var client = new Echo.EchoClient(Channel);

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.UnaryAsync(new EchoRequest { Message = "m" + i }).ResponseAsync));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "m" + i), replies.Select(r => r.Message));
    }
}
