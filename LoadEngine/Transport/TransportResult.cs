using PerfFleet.LoadEngine.Stats;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// The outcome of one request. A struct, and errors as values rather than exceptions, so the hot
/// loop allocates nothing per request; <see cref="StatusCode"/> is 0 when no answer arrived.
/// </summary>
internal readonly record struct TransportResult(int StatusCode, long BytesSent, long BytesReceived, ErrorKind? Error, bool KeepAlive)
{
    public bool Answered => StatusCode != 0;

    public static TransportResult Failed(ErrorKind kind, long bytesSent = 0) => new(0, bytesSent, 0, kind, false);
}
