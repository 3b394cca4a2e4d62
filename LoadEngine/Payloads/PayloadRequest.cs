namespace PerfFleet.LoadEngine.Payloads;

/// <summary>
/// One request of a payload file. <see cref="PathAndQuery"/> is sent to every target (a payload
/// written with a full <c>url</c> keeps only its path and query, so the same file can be mirrored).
/// For gRPC, the path is "/package.Service/Method" and the body the serialized message (the engine
/// adds gRPC's 5-byte frame prefix).
/// </summary>
public sealed record PayloadRequest
{
    public string Method { get; init; } = "GET";

    public required string PathAndQuery { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Endpoint name for per-endpoint statistics; null = method + path template.</summary>
    public string? Name { get; init; }

    /// <summary>This request's own timeout; null = the plan's.</summary>
    public TimeSpan? Timeout { get; init; }
}
