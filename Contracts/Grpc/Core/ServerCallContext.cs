namespace Grpc.Core;

/// <summary>What a service handler knows about its call: headers, deadline, cancellation, and the
/// response headers, trailers and status it sets. Same shape as Grpc.Core.Api's.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? userState;

    /// <summary>"/package.Service/Method".</summary>
    public string Method => MethodCore;

    public string Host => HostCore;

    public string Peer => PeerCore;

    /// <summary>The client's deadline (UTC), DateTime.MaxValue when the client sent none.</summary>
    public DateTime Deadline => DeadlineCore;

    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the client cancels (RST_STREAM), disconnects, or the deadline passes.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    public Metadata ResponseTrailers => ResponseTrailersCore;

    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    public WriteOptions? WriteOptions
    {
        get => WriteOptionsCore;
        set => WriteOptionsCore = value;
    }

    /// <summary>Per-call state for interceptors and handlers.</summary>
    public IDictionary<object, object> UserState => userState ??= [];

    /// <summary>Sends the response headers now (otherwise they go with the first message or the end of the call).</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    protected abstract string MethodCore { get; }

    protected abstract string HostCore { get; }

    protected abstract string PeerCore { get; }

    protected abstract DateTime DeadlineCore { get; }

    protected abstract Metadata RequestHeadersCore { get; }

    protected abstract CancellationToken CancellationTokenCore { get; }

    protected abstract Metadata ResponseTrailersCore { get; }

    protected abstract Status StatusCore { get; set; }

    protected abstract WriteOptions? WriteOptionsCore { get; set; }

    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);
}
