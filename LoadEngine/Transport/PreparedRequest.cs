namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// A payload made ready for one target before the run: header rules applied, the HTTP/1.1 bytes
/// serialized once, the gRPC frame built once, so sending costs no formatting or allocation.
/// </summary>
internal sealed class PreparedRequest
{
    public required int EndpointIndex { get; init; }

    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>Headers after the header rules, without the framing headers the transport owns.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The body as sent (for gRPC, with the 5-byte frame prefix).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The whole HTTP/1.1 request (request line, headers, body).</summary>
    public required ReadOnlyMemory<byte> Http1Bytes { get; init; }

    /// <summary>Per-request timeout in Stopwatch ticks.</summary>
    public required long TimeoutTicks { get; init; }

    public bool IsHead => Method == HttpMethod.Head;
}
