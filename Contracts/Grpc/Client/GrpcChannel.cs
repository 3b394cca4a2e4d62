using Grpc.Core;
using PerfFleet.Contracts.Grpc.Client;

namespace Grpc.Net.Client;

/// <summary>A channel to one gRPC server over HTTP/2: prior knowledge (h2c) for http://, ALPN for https://.
/// Connections are pooled and reused; one channel serves any number of clients and concurrent calls.</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly bool disposeHttpClient;
    private bool disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        Address = address;
        Options = options;
        if (options.HttpClient is not null)
        {
            HttpClient = options.HttpClient;
            disposeHttpClient = options.DisposeHttpClient;
        }
        else if (options.HttpHandler is not null)
        {
            HttpClient = new HttpClient(options.HttpHandler, options.DisposeHttpClient) { Timeout = Timeout.InfiniteTimeSpan };
            disposeHttpClient = true;
        }
        else
        {
            HttpClient = new HttpClient(CreateDefaultHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            disposeHttpClient = true;
        }
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpClient HttpClient { get; }

    public static GrpcChannel ForAddress(string address) => ForAddress(address, new GrpcChannelOptions());

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions channelOptions)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address, UriKind.Absolute), channelOptions);
    }

    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(channelOptions);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address \"{address}\" must use http:// (HTTP/2 with prior knowledge) or https:// (HTTP/2 negotiated by ALPN).", nameof(address));
        }

        if (channelOptions.HttpClient is not null && channelOptions.HttpHandler is not null)
        {
            throw new ArgumentException("Set GrpcChannelOptions.HttpClient or HttpHandler, not both.", nameof(channelOptions));
        }

        return new GrpcChannel(address, channelOptions);
    }

    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return new HttpClientCallInvoker(this);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (disposeHttpClient)
        {
            HttpClient.Dispose();
        }
    }

    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Above the server's concurrent stream limit (100 by default) calls open another connection instead of queueing.
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
