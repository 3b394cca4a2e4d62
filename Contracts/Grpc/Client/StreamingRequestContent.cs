using System.Net;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Client;

/// <summary>The body of a client-streaming or duplex call: HttpClient hands us the request stream once the
/// headers are sent; messages are written to it as the caller writes them, and completing ends the stream (END_STREAM).</summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> requestStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent() => Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);

    public Task<Stream> RequestStream => requestStream.Task;

    public void Complete() => completed.TrySetResult();

    public void Abort()
    {
        requestStream.TrySetCanceled();
        completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        requestStream.TrySetResult(stream);
        await completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
