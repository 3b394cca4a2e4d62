namespace PerfFleet.LoadEngine.Transport;

/// <summary>One connection (or one HTTP/2 stream slot) that sends one request at a time.</summary>
internal interface ITransportConnection : IDisposable
{
    ValueTask<TransportResult> SendAsync(PreparedRequest request);

    /// <summary>Breaks the request in flight at once (timeout or stop); the connection is not reused afterwards.</summary>
    void Abort();
}
