using Grpc.Core;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class StreamingCallTests : EchoServerTestBase
{
    [Fact]
    public async Task ClientStream_SeveralMessages_ServerSeesAllInOrder()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ClientStream();
        foreach (var word in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = word });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal("a,b,c", reply.Message);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task ClientStream_NoMessages_ServerSeesEmptyStream()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ClientStream();
        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(0, reply.Index);
    }

    [Fact]
    public async Task ClientStream_WriteAfterComplete_Throws()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ClientStream();
        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
    }

    [Fact]
    public async Task Duplex_ServerRejectsWhileClientStillWrites_WritesFailWithTheServersStatus()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.Duplex();
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "first message is bad" });

        // The server ends the call on the first message; the writes that follow race with its trailers and
        // must report the server's status, not the reset of the request side (CANCELLED).
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 5000; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Message = "more" });
                await Task.Delay(i % 2);
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("first message is bad", failure.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_PingPong_EachRequestGetsItsReplyBeforeTheNextIsSent()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.Duplex();
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "ping" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("ping" + i, call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_ServerFails_ClientReadSeesStatusAndWriteThrowsIt()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.Duplex();
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "no such test" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, writeError.StatusCode);
        Assert.Equal(StatusCode.NotFound, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task GetStatus_CallStillRunning_ThrowsInvalidOperation()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.Duplex();

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        await call.RequestStream.CompleteAsync();
    }
}
