using Grpc.Core;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
internal sealed class HttpContextStreamReader<TRequest>(HttpContextServerCallContext call, Marshaller<TRequest> marshaller) : IAsyncStreamReader<TRequest>
{
    private readonly MessageFrameReader reader = new(call.HttpContext.Request.BodyReader, call.Options.MaxReceiveMessageSize, call.RequestEncoding);
    private TRequest? current;
    private int reading;

    public TRequest Current => current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref reading, 1) == 1)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }

        try
        {
            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken) : null;
            var (found, message) = await reader.ReadAsync(marshaller, linked?.Token ?? call.CancellationToken);
            current = found ? message : default;
            return found;
        }
        finally
        {
            Volatile.Write(ref reading, 0);
        }
    }

    /// <summary>Unary and server-streaming requests: exactly one message.</summary>
    public async Task<TRequest> ReadSingleAsync()
    {
        var (found, message) = await reader.ReadAsync(marshaller, call.CancellationToken);
        if (!found)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request has no message; this method takes exactly one."));
        }

        var (extra, _) = await reader.ReadAsync(marshaller, call.CancellationToken);
        if (extra)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request has more than one message; this method takes exactly one."));
        }

        return message;
    }
}
