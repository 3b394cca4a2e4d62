using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class HttpContextStreamWriter<TResponse>(HttpContextServerCallContext call, Marshaller<TResponse> marshaller) : IServerStreamWriter<TResponse>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken) : null;
        await call.WriteMessageAsync(marshaller, message, linked?.Token ?? call.CancellationToken);
    }
}
