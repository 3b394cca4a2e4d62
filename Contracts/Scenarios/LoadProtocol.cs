namespace PerfFleet.Contracts.Scenarios;

/// <summary>How the load engine talks to the target; the scenario file's <c>load.protocol</c>.</summary>
public enum LoadProtocol
{
    /// <summary>HTTP/1.1 keep-alive connections, one request in flight per connection (no pipelining).</summary>
    Http1,

    /// <summary>HTTP/2: prior knowledge (h2c) for http:// targets, ALPN for https://.</summary>
    Http2,

    /// <summary>gRPC unary calls over HTTP/2: payload path = "/package.Service/Method", body = the serialized message.</summary>
    Grpc,
}
