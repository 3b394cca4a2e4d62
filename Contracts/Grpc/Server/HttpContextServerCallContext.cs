using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>One server call on one HTTP/2 stream: headers, deadline, response writing and the final status.
/// Writes and completion share a lock because the deadline may end the call while the handler still writes.</summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    private readonly IMethod method;
    private readonly ILogger logger;
    private readonly CancellationTokenSource callCancellation;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly Metadata responseTrailers = [];
    private readonly TaskCompletionSource deadlineCompletion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Metadata? requestHeaders;
    private ITimer? deadlineTimer;
    private bool responseStarted;
    private bool completed;

    public HttpContextServerCallContext(HttpContext httpContext, IMethod method, GrpcServiceOptions options, ILogger logger)
    {
        HttpContext = httpContext;
        this.method = method;
        Options = options;
        this.logger = logger;
        callCancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
    }

    public HttpContext HttpContext { get; }

    public GrpcServiceOptions Options { get; }

    public bool DeadlineExceeded { get; private set; }

    public string? RequestEncoding => HttpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString() is { Length: > 0 } e ? e : null;

    protected override string MethodCore => method.FullName;

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore => HttpContext.Connection.RemoteIpAddress is { } ip
        ? (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"ipv6:[{ip}]:{HttpContext.Connection.RemotePort}" : $"ipv4:{ip}:{HttpContext.Connection.RemotePort}")
        : "unknown";

    protected override DateTime DeadlineCore => DeadlineUtc;

    protected override Metadata RequestHeadersCore => requestHeaders ??= ReadRequestHeaders();

    protected override CancellationToken CancellationTokenCore => callCancellation.Token;

    protected override Metadata ResponseTrailersCore => responseTrailers;

    protected override Status StatusCore { get; set; } = Status.DefaultSuccess;

    protected override WriteOptions? WriteOptionsCore { get; set; }

    private DateTime DeadlineUtc { get; set; } = DateTime.MaxValue;

    private Metadata ResponseHeaders { get; } = [];

    /// <summary>Reads grpc-timeout and arms the deadline: at expiry the token is cancelled and the call ends with DEADLINE_EXCEEDED.</summary>
    public void StartDeadline(TimeProvider timeProvider)
    {
        var header = HttpContext.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (header.Length == 0)
        {
            return;
        }

        if (!GrpcTimeout.TryParse(header, out var timeout))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid grpc-timeout header \"{header}\": expected up to 8 digits and a unit (H, M, S, m, u, n)."));
        }

        DeadlineUtc = timeout >= DateTime.MaxValue - timeProvider.GetUtcNow().UtcDateTime ? DateTime.MaxValue : timeProvider.GetUtcNow().UtcDateTime + timeout;
        deadlineTimer = timeProvider.CreateTimer(_ => OnDeadline(), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public async Task WriteMessageAsync<TResponse>(Marshaller<TResponse> marshaller, TResponse message, CancellationToken cancellationToken)
    {
        var frame = MessageFrame.Serialize(marshaller, message, Options.MaxSendMessageSize);
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            if (completed)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }

            StartResponse();
            await HttpContext.Response.BodyWriter.WriteAsync(frame, cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Ends the call with a status: in trailers, or trailers-only (status in the headers) when nothing was sent yet.</summary>
    public async Task CompleteAsync(Status status)
    {
        await writeLock.WaitAsync();
        try
        {
            if (completed)
            {
                return;
            }

            completed = true;
            var response = HttpContext.Response;
            var trailersOnly = !responseStarted && !response.HasStarted;
            if (trailersOnly)
            {
                SetResponseHeaders(response);
                response.Headers[GrpcProtocol.StatusTrailer] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (status.Detail.Length > 0)
                {
                    response.Headers[GrpcProtocol.MessageTrailer] = StatusMessageEncoding.Encode(status.Detail);
                }

                foreach (var entry in responseTrailers)
                {
                    response.Headers.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
                }

                return;
            }

            response.AppendTrailer(GrpcProtocol.StatusTrailer, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (status.Detail.Length > 0)
            {
                response.AppendTrailer(GrpcProtocol.MessageTrailer, StatusMessageEncoding.Encode(status.Detail));
            }

            foreach (var entry in responseTrailers)
            {
                response.AppendTrailer(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Waits for an end of call started by the deadline timer, so the request delegate never returns under it.
    /// The source exists before the timer fires: the handler, cancelled by the deadline, can get here before the
    /// timer callback has stored anything, and must still wait for the DEADLINE_EXCEEDED trailers to be written.</summary>
    public Task WaitForDeadlineCompletionAsync() => DeadlineExceeded ? deadlineCompletion.Task : Task.CompletedTask;

    public void Dispose()
    {
        deadlineTimer?.Dispose();
        callCancellation.Dispose();
        writeLock.Dispose();
    }

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        await writeLock.WaitAsync(CancellationToken);
        try
        {
            if (responseStarted || completed)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }

            foreach (var entry in responseHeaders)
            {
                ResponseHeaders.Add(entry);
            }

            StartResponse();
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private void StartResponse()
    {
        if (!responseStarted)
        {
            SetResponseHeaders(HttpContext.Response);
            responseStarted = true;
        }
    }

    private void SetResponseHeaders(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
        foreach (var entry in ResponseHeaders)
        {
            response.Headers.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsTransportHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                MetadataHeaders.AddReceived(metadata, name, value ?? "");
            }
        }

        return metadata;
    }

    private void OnDeadline()
    {
        DeadlineExceeded = true;
        GrpcServerLog.DeadlineExceeded(logger, method.FullName);
        _ = EndAtDeadlineAsync();
    }

    private async Task EndAtDeadlineAsync()
    {
        try
        {
            await callCancellation.CancelAsync();
            await CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            await HttpContext.Response.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client may be gone by now; there is nobody left to tell.
            GrpcServerLog.DeadlineCompletionFailed(logger, method.FullName, e);
        }
        finally
        {
            deadlineCompletion.TrySetResult();
        }
    }
}
