using Grpc.Core;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Bench.Transport;

/// <summary>As little work as possible per call, so the transport is what gets measured.</summary>
internal sealed class BenchEchoService : Echo.EchoBase
{
    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Message = request.Message });

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var reply = new EchoReply { Message = request.Message };
        for (var i = 0; i < request.Count && !context.CancellationToken.IsCancellationRequested; i++)
        {
            reply.Index = i;
            await responseStream.WriteAsync(reply);
        }
    }
}
