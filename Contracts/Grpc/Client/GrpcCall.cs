using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Client;

/// <summary>One client call on one HTTP/2 stream: sends the request, reads headers, messages and trailers,
/// and settles the final status exactly once (from trailers, a deadline, a cancellation or a transport error).</summary>
internal sealed class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private static readonly Version Http2 = new(2, 0);

    /// <summary>How long a failed write waits for the response headers that may carry the server's status.</summary>
    private static readonly TimeSpan ServerStatusGrace = TimeSpan.FromSeconds(2);

    private readonly GrpcChannel channel;
    private readonly Method<TRequest, TResponse> method;
    private readonly CallOptions options;
    private readonly CancellationTokenSource callCancellation = new();
    private readonly CancellationTokenRegistration userCancellation;
    private readonly TaskCompletionSource<Metadata> responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock statusLock = new();
    private ITimer? deadlineTimer;
    private Task<HttpResponseMessage>? responseTask;
    private HttpResponseMessage? response;
    private StreamingRequestContent? streamingContent;
    private MessageFrameReader? reader;
    private Status? finalStatus;
    private Metadata? trailers;
    private volatile bool deadlineExceeded;
    private volatile bool disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        this.channel = channel;
        this.method = method;
        this.options = options;

        // A registration (not a linked source) so that it can be removed when the call ends: callers often pass
        // one long-lived token to many calls, and a linked source would keep every call alive until it fires.
        userCancellation = options.CancellationToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).OnUserCancelled(), this);
        ResponseHeadersAsync = responseHeaders.Task;
    }

    public Task<Metadata> ResponseHeadersAsync { get; }

    public CancellationToken CallToken => callCancellation.Token;

    public void StartWithMessage(TRequest request)
    {
        ReadOnlyMemory<byte> frame;
        try
        {
            frame = MessageFrame.Serialize(method.RequestMarshaller, request, channel.Options.MaxSendMessageSize);
        }
        catch (RpcException e)
        {
            Start(null, e.Status);
            return;
        }

        Start(new UnaryRequestContent(frame), null);
    }

    public IClientStreamWriter<TRequest> StartStreaming()
    {
        streamingContent = new StreamingRequestContent();
        Start(streamingContent, null);
        return new ClientStreamWriter<TRequest, TResponse>(this, streamingContent, method.RequestMarshaller, channel.Options.MaxSendMessageSize);
    }

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var (found, message) = await ReadMessageAsync(CancellationToken.None);
        if (!found)
        {
            throw Fail(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        }

        var (extra, _) = await ReadMessageAsync(CancellationToken.None);
        return extra ? throw Fail(new Status(StatusCode.Internal, "The server sent more than one response message for a single-response method.")) : message;
    }

    /// <summary>The next response message; false after the trailers said OK; throws RpcException for any other end.</summary>
    public async Task<(bool Found, TResponse Message)> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var httpResponse = await responseTask!;
        if (finalStatus is { } settled)
        {
            return settled.StatusCode == StatusCode.OK ? (false, null!) : throw new RpcException(settled, trailers ?? Metadata.Empty);
        }

        try
        {
            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callCancellation.Token) : null;
            var token = linked?.Token ?? callCancellation.Token;
            if (reader is null)
            {
                var body = await httpResponse.Content.ReadAsStreamAsync(token);
                var encoding = httpResponse.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
                reader = new MessageFrameReader(PipeReader.Create(body), channel.Options.MaxReceiveMessageSize, encoding);
            }

            var (found, message) = await reader.ReadAsync(method.ResponseMarshaller, token);
            if (found)
            {
                return (true, message);
            }
        }
        catch (Exception e)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The reader gave up: that cancels the whole call, as in grpc-dotnet.
                throw Fail(new Status(StatusCode.Cancelled, "Reading the response was cancelled."));
            }

            throw FailFrom(e);
        }

        var status = ReadTrailers(httpResponse);
        Settle(status);
        return status.StatusCode == StatusCode.OK ? (false, null!) : throw new RpcException(status, trailers ?? Metadata.Empty);
    }

    public Status GetStatus() => finalStatus ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => finalStatus is null
        ? throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.")
        : trailers ?? Metadata.Empty;

    public void ThrowIfFinished()
    {
        if (finalStatus is { } status)
        {
            throw status.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(status, trailers ?? Metadata.Empty);
        }
    }

    /// <summary>Turns an exception from the transport into the call's final status (deadline and cancellation first).</summary>
    public RpcException FailFrom(Exception exception)
    {
        var status = deadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
            : options.CancellationToken.IsCancellationRequested || disposed ? new Status(StatusCode.Cancelled, "Call canceled by the client.", exception)
            : finalStatus ?? ClientStatusMapping.FromTransportException(exception);
        return Fail(status);
    }

    /// <summary>Turns a failed request-stream write into the call's final status. A server that rejects a stream
    /// (a bad first message, say) ends the call while the client still writes; HTTP/2 then resets the request side,
    /// and the write fails before the response headers carrying the server's status have been processed. That status
    /// is what the caller can act on (INVALID_ARGUMENT is not worth a retry, CANCELLED would be), so wait briefly for
    /// it before falling back to what the transport said.</summary>
    public async Task<RpcException> FailFromWriteAsync(Exception exception)
    {
        if (finalStatus is null && !deadlineExceeded && !disposed && !options.CancellationToken.IsCancellationRequested && responseTask is { } pending)
        {
            try
            {
                await pending.WaitAsync(ServerStatusGrace, channel.Options.TimeProvider, callCancellation.Token);
            }
            catch (Exception e) when (e is RpcException or TimeoutException or OperationCanceledException or HttpRequestException)
            {
                // No status from the server in time: the transport's account below is all there is.
            }
        }

        // A trailers-only response (the server failed before sending anything) has settled the call by now.
        return finalStatus is { StatusCode: not StatusCode.OK } serverStatus && !deadlineExceeded
            ? Fail(serverStatus)
            : FailFrom(exception);
    }

    public void Dispose()
    {
        disposed = true;
        Fail(new Status(StatusCode.Cancelled, "gRPC call disposed."));
    }

    private void Start(HttpContent? content, Status? failure)
    {
        if (finalStatus is { } early)
        {
            // The caller's token was cancelled before the call started.
            responseTask = Task.FromException<HttpResponseMessage>(new RpcException(early, Metadata.Empty));
            return;
        }

        TimeSpan? timeout = null;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            timeout = deadline.ToUniversalTime() - channel.Options.TimeProvider.GetUtcNow().UtcDateTime;
            if (timeout <= TimeSpan.Zero)
            {
                deadlineExceeded = true;
                failure = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }
        }

        if (failure is { } status)
        {
            var exception = Fail(status);
            responseTask = Task.FromException<HttpResponseMessage>(exception);
            return;
        }

        if (timeout is { } t)
        {
            deadlineTimer = channel.Options.TimeProvider.CreateTimer(_ => OnDeadline(), null, t, Timeout.InfiniteTimeSpan);
        }

        var request = CreateRequest(content!, timeout);
        responseTask = SendAsync(request);
    }

    private HttpRequestMessage CreateRequest(HttpContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(channel.Address, method.FullName))
        {
            Version = Http2,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        request.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        if (timeout is { } t)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if (options.Headers is { } headers)
        {
            foreach (var entry in headers)
            {
                if (GrpcProtocol.IsTransportHeader(entry.Key))
                {
                    throw new ArgumentException($"Header \"{entry.Key}\" is set by the transport and cannot be sent as call metadata.");
                }

                request.Headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await channel.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, callCancellation.Token);
        }
        catch (Exception e)
        {
            throw FailFrom(e);
        }

        response = httpResponse;

        // Cancelling the call (user token, deadline, dispose) disposes the response, which resets the HTTP/2 stream.
        callCancellation.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), httpResponse);
        try
        {
            var headers = ReadMetadata(httpResponse.Headers);
            var headerStatus = CheckResponseHeaders(httpResponse, headers);
            responseHeaders.TrySetResult(headers);
            if (headerStatus is { } status)
            {
                // Trailers-only response (or not a gRPC response at all): the status is in the headers.
                trailers = headers;
                Settle(status);
            }
        }
        catch (Exception e)
        {
            throw FailFrom(e);
        }

        return httpResponse;
    }

    private static Status? CheckResponseHeaders(HttpResponseMessage httpResponse, Metadata headers)
    {
        if (httpResponse.StatusCode != HttpStatusCode.OK)
        {
            var code = ClientStatusMapping.FromHttpStatus(httpResponse.StatusCode);
            var grpcMessage = headers.GetValue(GrpcProtocol.MessageTrailer);
            return new Status(code, $"Bad gRPC response. HTTP status code: {(int)httpResponse.StatusCode}" + (grpcMessage is null ? "" : $" ({StatusMessageEncoding.Decode(grpcMessage)})"));
        }

        var contentType = httpResponse.Content.Headers.ContentType?.ToString();
        if (httpResponse.Headers.Contains(GrpcProtocol.StatusTrailer))
        {
            return ParseStatus(httpResponse.Headers);
        }

        return GrpcProtocol.IsGrpcContentType(contentType)
            ? null
            : new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: \"{contentType}\".");
    }

    private Status ReadTrailers(HttpResponseMessage httpResponse)
    {
        trailers = ReadMetadata(httpResponse.TrailingHeaders);
        return httpResponse.TrailingHeaders.Contains(GrpcProtocol.StatusTrailer)
            ? ParseStatus(httpResponse.TrailingHeaders)
            : new Status(StatusCode.Internal, "The server ended the call without a grpc-status trailer.");
    }

    private static Status ParseStatus(HttpHeaders headers)
    {
        var raw = headers.GetValues(GrpcProtocol.StatusTrailer).FirstOrDefault();
        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"The server sent an unparsable grpc-status \"{raw}\".");
        }

        var message = headers.TryGetValues(GrpcProtocol.MessageTrailer, out var values) ? StatusMessageEncoding.Decode(values.FirstOrDefault()) : "";

        // Codes outside the known range are UNKNOWN by the spec.
        return new Status(code is >= 0 and <= 16 ? (StatusCode)code : StatusCode.Unknown, message);
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsTransportHeader(name) || name.Equals("date", StringComparison.OrdinalIgnoreCase) || name.Equals("server", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                MetadataHeaders.AddReceived(metadata, name, value);
            }
        }

        return metadata;
    }

    private void OnUserCancelled() => Fail(new Status(StatusCode.Cancelled, "Call canceled by the client."));

    private void OnDeadline()
    {
        deadlineExceeded = true;
        Fail(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
    }

    /// <summary>Settles the call with an error status (first one wins) and tears down the HTTP/2 stream.</summary>
    private RpcException Fail(Status status)
    {
        var settled = Settle(status);
        if (settled.StatusCode != StatusCode.OK)
        {
            streamingContent?.Abort();
            try
            {
                callCancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already torn down by an earlier end of the call.
            }
        }

        return new RpcException(settled, trailers ?? Metadata.Empty);
    }

    private Status Settle(Status status)
    {
        lock (statusLock)
        {
            if (finalStatus is null)
            {
                finalStatus = status;
                deadlineTimer?.Dispose();
                userCancellation.Unregister();
                responseHeaders.TrySetException(new RpcException(status, trailers ?? Metadata.Empty));
                if (status.StatusCode == StatusCode.OK)
                {
                    response?.Dispose();
                }
            }

            return finalStatus.Value;
        }
    }
}
