using Grpc.Core;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Client;

/// <summary>The request stream of a client-streaming or duplex call. One write at a time, as in grpc-dotnet.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content, Marshaller<TRequest> marshaller, int? maxSendMessageSize) : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private int writing;
    private bool completed;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (completed)
        {
            throw new InvalidOperationException("Can't write the message because the request stream is complete.");
        }

        call.ThrowIfFinished();
        if (Interlocked.Exchange(ref writing, 1) == 1)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        try
        {
            var frame = MessageFrame.Serialize(marshaller, message, maxSendMessageSize);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CallToken);
            try
            {
                var stream = await content.RequestStream.WaitAsync(linked.Token);
                await stream.WriteAsync(frame, linked.Token);
                await stream.FlushAsync(linked.Token);
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw await call.FailFromWriteAsync(e);
            }
        }
        finally
        {
            Volatile.Write(ref writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        completed = true;
        content.Complete();
        return Task.CompletedTask;
    }
}
