namespace PerfFleet.LoadEngine.Payloads;

/// <summary>
/// Where a payload list comes from: a JSON-lines file on this machine, or requests in memory.
/// A stored payload (payload://) reaches the engine as a file: the worker downloads it into its
/// cache by hash first, so the engine never fetches anything over the network itself.
/// </summary>
public abstract record PayloadSource
{
    private PayloadSource()
    {
    }

    /// <summary>A JSON-lines file on this machine.</summary>
    public sealed record File(string Path) : PayloadSource;

    /// <summary>Requests built in code.</summary>
    public sealed record InMemory(IReadOnlyList<PayloadRequest> Requests) : PayloadSource;
}
