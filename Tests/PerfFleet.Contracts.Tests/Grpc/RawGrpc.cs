using System.Buffers.Binary;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Hand-made gRPC requests over HttpClient, to send what a well-behaved client never would.</summary>
internal static class RawGrpc
{
    public static HttpClient CreateClient() => new(new SocketsHttpHandler(), disposeHandler: true)
    {
        DefaultRequestVersion = new Version(2, 0),
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public static byte[] Frame(IMessage message, byte compressedFlag = 0)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static HttpRequestMessage CreateRequest(string url, byte[] body, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    public static string? GrpcStatus(HttpResponseMessage response) => Find(response, "grpc-status");

    public static string? GrpcMessage(HttpResponseMessage response) => Find(response, "grpc-message");

    private static string? Find(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
        : response.Headers.TryGetValues(name, out var header) ? header.First()
        : null;
}
