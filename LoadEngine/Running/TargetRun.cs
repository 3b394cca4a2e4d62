using PerfFleet.LoadEngine.Pacing;
using PerfFleet.LoadEngine.Stats;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// One target's share of a run: its own slots over the common timetable (its <see cref="Gate"/>, so
/// a slow target lags without holding the others back), its prepared requests, and its statistics
/// per endpoint.
/// </summary>
internal sealed class TargetRun(string url, TargetTransport transport, PreparedRequest[] requests, int endpointCount, KeyValuePair<string, object?>[][]? labels, StageBounds stages) : IDisposable
{
    public string Url { get; } = url;

    public TargetTransport Transport { get; } = transport;

    public PreparedRequest[] Requests { get; } = requests;

    public StatsRecorder[] ByEndpoint { get; } = [.. Enumerable.Range(0, endpointCount).Select(_ => new StatsRecorder())];

    /// <summary>All endpoints together, per stage of a staged plan (empty otherwise).</summary>
    public StatsRecorder[] ByStage { get; } = [.. Enumerable.Range(0, stages.Count).Select(_ => new StatsRecorder())];

    public StageBounds Stages { get; } = stages;

    /// <summary>Metric labels per endpoint; null when the run emits no metrics.</summary>
    public KeyValuePair<string, object?>[][]? Labels { get; } = labels;

    public SlotGate Gate { get; } = new();

    public PreparedRequest RequestFor(long slot) => Requests[(int)(slot % Requests.Length)];

    public long SentSoFar() => ByEndpoint.Sum(s => s.Requests);

    public long ErrorsSoFar() => ByEndpoint.Sum(s => s.Errors);

    public void Dispose() => Transport.Dispose();
}
