using System.Net;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Client;

/// <summary>The body of a unary or server-streaming call: one framed message, serialized before sending.</summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> frame;

    public UnaryRequestContent(ReadOnlyMemory<byte> frame)
    {
        this.frame = frame;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        await stream.WriteAsync(frame, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = frame.Length;
        return true;
    }
}
