using System.Net.Http.Headers;
using System.Net.Sockets;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Stats;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// One in-flight slot over a shared <see cref="HttpClient"/> (one client per connection): HTTP/2
/// (h2c with prior knowledge, or TLS with ALPN), gRPC unary calls, and HTTP/1.1 over TLS.
/// SocketsHttpHandler is the right tool here: HTTP/2 framing, HPACK and TLS are not worth redoing.
/// </summary>
internal sealed class HttpClientConnection(HttpClient client, LoadProtocol protocol) : ITransportConnection
{
    private static readonly byte[] Drain = new byte[16 * 1024];

    private readonly CancellationTokenSource _abort = new();

    public async ValueTask<TransportResult> SendAsync(PreparedRequest request)
    {
        var sent = (long)request.Body.Length + request.Uri.PathAndQuery.Length + request.Headers.Sum(h => h.Key.Length + h.Value.Length + 4);
        using var message = new HttpRequestMessage(request.Method, request.Uri)
        {
            Version = protocol == LoadProtocol.Http1 ? System.Net.HttpVersion.Version11 : System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.Body.Length > 0 || protocol == LoadProtocol.Grpc)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _abort.Token);
            long received = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(_abort.Token))
            {
                int n;
                while ((n = await body.ReadAsync(Drain, _abort.Token)) > 0)
                {
                    received += n;
                }
            }

            var status = (int)response.StatusCode;
            ErrorKind? error = status >= 500 ? ErrorKind.ServerError : null;
            if (protocol == LoadProtocol.Grpc && error is null && GrpcStatus(response) != "0")
            {
                error = ErrorKind.GrpcStatus;
            }

            return new TransportResult(status, sent, received, error, true);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound })
        {
            return TransportResult.Failed(ErrorKind.Connect);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return TransportResult.Failed(ErrorKind.Connect);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError or HttpRequestError.SecureConnectionError)
        {
            return TransportResult.Failed(ErrorKind.Protocol, sent);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return TransportResult.Failed(ErrorKind.Io, sent);
        }
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only answer; null when absent.</summary>
    private static string? GrpcStatus(HttpResponseMessage response)
    {
        static string? First(HttpHeaders headers) => headers.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault() : null;
        return First(response.TrailingHeaders) ?? First(response.Headers);
    }

    public void Abort() => _abort.Cancel();

    public void Dispose() => _abort.Dispose();
}
