using System.Diagnostics;
using Grpc.Core;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class DeadlineAndCancellationTests : EchoServerTestBase
{
    [Fact]
    public async Task UnaryAsync_DeadlineShorterThanHandler_DeadlineExceededAndServerTokenCancelled()
    {
        var client = new Echo.EchoClient(Channel);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryAsync(new EchoRequest { DelayMs = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        await Server.Observer.CancelledAsync("/perffleet.testing.Echo/Unary");
    }

    [Fact]
    public async Task UnaryAsync_DeadlineAlreadyPassed_FailsWithoutSending()
    {
        var client = new Echo.EchoClient(Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_GenerousDeadline_Succeeds()
    {
        var client = new Echo.EchoClient(Channel);

        var reply = await client.UnaryAsync(new EchoRequest { Message = "in time" }, deadline: DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("in time", reply.Message);
    }

    [Fact]
    public async Task UnaryAsync_ClientCancels_CancelledAndServerTokenCancelled()
    {
        var client = new Echo.EchoClient(Channel);
        using var cancellation = new CancellationTokenSource();

        using var call = client.UnaryAsync(new EchoRequest { DelayMs = 10_000 }, cancellationToken: cancellation.Token);
        await Server.Observer.WaitingAsync("/perffleet.testing.Echo/Unary");
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Observer.CancelledAsync("/perffleet.testing.Echo/Unary");
    }

    [Fact]
    public async Task UnaryAsync_TokenAlreadyCancelled_CancelledWithoutSending()
    {
        var client = new Echo.EchoClient(Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryAsync(new EchoRequest(), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_SharedLongLivedToken_CallsSucceedAndDoNotCancelEachOther()
    {
        var client = new Echo.EchoClient(Channel);
        using var appLifetime = new CancellationTokenSource();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("m" + i, (await client.UnaryAsync(new EchoRequest { Message = "m" + i }, cancellationToken: appLifetime.Token)).Message);
        }
    }

    [Fact]
    public async Task ServerStream_DisposedWhileServerWaits_ServerTokenCancelled()
    {
        var client = new Echo.EchoClient(Channel);

        var call = client.ServerStream(new EchoRequest { Count = 1, DelayMs = 10_000 });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        call.Dispose();

        await Server.Observer.CancelledAsync("/perffleet.testing.Echo/ServerStream");
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_DeadlineDuringStream_ClientGetsDeadlineExceeded()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ServerStream(new EchoRequest { Count = 2, DelayMs = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(500));
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Duplex_MoveNextTokenCancelled_CallCancelled()
    {
        var client = new Echo.EchoClient(Channel);
        using var call = client.Duplex();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(cancellation.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
