using Google.Protobuf;
using Grpc.Core;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>The test service: each request says how to behave (delay, fail, throw) so tests can provoke each case.</summary>
public sealed class EchoService(CallObserver observer) : Echo.EchoBase
{
    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await BehaveAsync(request, context);
        context.ResponseTrailers.Add("x-trailer", "unary-done");
        return Reply(request, 0, context);
    }

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await context.WriteResponseHeadersAsync(new Metadata { { "x-stream", "started" } });
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(Reply(request, i, context));
        }

        await BehaveAsync(request, context);
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var messages = new List<string>();
        EchoRequest? last = null;
        await foreach (var request in requestStream.ReadAllAsync())
        {
            messages.Add(request.Message);
            last = request;
        }

        if (last is not null)
        {
            await BehaveAsync(last, context);
        }

        return new EchoReply { Message = string.Join(",", messages), Index = messages.Count };
    }

    public override async Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync())
        {
            await BehaveAsync(request, context);
            await responseStream.WriteAsync(Reply(request, index++, context));
        }
    }

    private async Task BehaveAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            observer.OnWaiting(context.Method);
            try
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                observer.OnCancelled(context.Method);
                throw;
            }
        }

        if (request.ThrowPlain)
        {
            throw new InvalidOperationException("secret internal detail");
        }

        if (request.FailCode != 0)
        {
            context.ResponseTrailers.Add("x-error-detail-bin", [1, 2, 3]);
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage));
        }
    }

    private static EchoReply Reply(EchoRequest request, int index, ServerCallContext context)
    {
        var reply = new EchoReply { Message = request.Message, Index = index, Payload = request.Payload };
        foreach (var entry in context.RequestHeaders)
        {
            reply.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }

        return reply;
    }
}
