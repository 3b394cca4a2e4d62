using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Client;

/// <summary>Maps what HTTP and the network say to the gRPC status a caller can act on (never UNKNOWN for a known cause).</summary>
internal static class ClientStatusMapping
{
    /// <summary>PROTOCOL-HTTP2 "HTTP to gRPC status code mapping", for responses that are not gRPC (proxies, wrong servers).</summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>RST_STREAM error codes (RFC 9113 section 7) to gRPC codes, as PROTOCOL-HTTP2 lists them.</summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: the call was not processed, safe to retry
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,             // NO_ERROR before trailers, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, ...
    };

    /// <summary>A transport failure that is not a cancellation or deadline of ours.</summary>
    public static Status FromTransportException(Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc.Status;
            case HttpProtocolException protocol:
                return new Status(FromHttp2ErrorCode(protocol.ErrorCode), $"The server reset the stream (HTTP/2 error code {protocol.ErrorCode}).", exception);
            case HttpRequestException request when request.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
                || request.InnerException is SocketException:
                return new Status(StatusCode.Unavailable, $"Error connecting to the server: {request.Message}", exception);
            case HttpRequestException request when request.HttpRequestError is HttpRequestError.VersionNegotiationError:
                return new Status(StatusCode.Unavailable, $"The server does not speak HTTP/2: {request.Message}", exception);
            case HttpRequestException request:
                return new Status(StatusCode.Unavailable, $"Error sending the request: {request.Message}", exception);
            case HttpIOException or IOException:
                return exception.InnerException is HttpProtocolException inner
                    ? FromTransportException(inner)
                    : new Status(StatusCode.Unavailable, $"The connection to the server was lost: {exception.Message}", exception);
            case OperationCanceledException:
                return new Status(StatusCode.Cancelled, "The call was cancelled.", exception);
            default:
                return new Status(StatusCode.Internal, $"Error in the gRPC client: {exception.GetType().Name}: {exception.Message}", exception);
        }
    }
}
