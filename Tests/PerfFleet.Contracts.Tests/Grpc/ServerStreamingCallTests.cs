using Grpc.Core;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

public sealed class ServerStreamingCallTests : EchoServerTestBase
{
    [Fact]
    public async Task ServerStream_CountMessages_ReadsAllInOrderThenOk()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ServerStream(new EchoRequest { Message = "s", Count = 50 });
        var headers = await call.ResponseHeadersAsync;
        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal("started", headers.GetValue("x-stream"));
        Assert.Equal(Enumerable.Range(0, 50), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_FailsAfterMessages_ClientSeesMessagesThenStatus()
    {
        var client = new Echo.EchoClient(Channel);

        using var call = client.ServerStream(new EchoRequest { Count = 3, FailCode = (int)StatusCode.FailedPrecondition, FailMessage = "wrong state" });
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("wrong state", error.Status.Detail);
        Assert.Equal([1, 2, 3], error.Trailers.GetValueBytes("x-error-detail-bin"));
    }
}
