namespace Grpc.Net.Client;

/// <summary>Channel options, named as in Grpc.Net.Client (only the ones PerfFleet's transport implements).</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (bytes); null = no limit. Bigger messages fail the call with RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent (bytes); null = no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The handler to send calls through; default: a SocketsHttpHandler with EnableMultipleHttp2Connections.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>An HttpClient to send calls through (instead of HttpHandler).</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Whether disposing the channel disposes HttpClient/HttpHandler given here (a handler the channel creates is always disposed).</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>Clock for deadlines; tests may substitute one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
