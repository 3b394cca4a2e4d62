using PerfFleet.LoadEngine.Stats;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// One target's share of a run: its own slot cursor over the common timetable (so a slow target
/// lags without holding the others back), its prepared requests, and its statistics per endpoint.
/// </summary>
internal sealed class TargetRun(string url, TargetTransport transport, PreparedRequest[] requests, int endpointCount, KeyValuePair<string, object?>[][]? labels) : IDisposable
{
    private long _cursor = -1;

    public string Url { get; } = url;

    public TargetTransport Transport { get; } = transport;

    public PreparedRequest[] Requests { get; } = requests;

    public StatsRecorder[] ByEndpoint { get; } = [.. Enumerable.Range(0, endpointCount).Select(_ => new StatsRecorder())];

    /// <summary>Metric labels per endpoint; null when the run emits no metrics.</summary>
    public KeyValuePair<string, object?>[][]? Labels { get; } = labels;

    /// <summary>Slots handed out so far (the next slot number).</summary>
    public long Claimed => Volatile.Read(ref _cursor) + 1;

    public long Claim() => Interlocked.Increment(ref _cursor);

    public PreparedRequest RequestFor(long slot) => Requests[(int)(slot % Requests.Length)];

    public long SentSoFar() => ByEndpoint.Sum(s => s.Requests);

    public long ErrorsSoFar() => ByEndpoint.Sum(s => s.Errors);

    public void Dispose() => Transport.Dispose();
}
