using System.Diagnostics.Metrics;
using PerfFleet.LoadEngine.Stats;

namespace PerfFleet.LoadEngine.Metrics;

/// <summary>
/// The engine's own instruments (Meter "PerfFleet.LoadEngine"), exported by the host's /metrics.
/// Created only when the plan has a tag: an untagged run emits nothing, as in Shadower, so ad-hoc
/// runs do not pollute a shared Prometheus.
/// </summary>
public sealed class LoadEngineMetrics : IDisposable
{
    public const string MeterName = "PerfFleet.LoadEngine";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _errors;

    private LoadEngineMetrics(Meter meter, bool ownsMeter)
    {
        _meter = meter;
        _ownsMeter = ownsMeter;
        _requests = meter.CreateCounter<long>("perffleet.loadengine.requests", "{request}", "Requests sent by the load engine");
        _latency = meter.CreateHistogram<double>("perffleet.loadengine.latency", "ms", "Latency from the intended send time");
        _errors = meter.CreateCounter<long>("perffleet.loadengine.errors", "{error}", "Failed requests by kind");
    }

    /// <summary>Instruments for a run tagged <paramref name="tag"/>, or null when there is no tag.</summary>
    public static LoadEngineMetrics? Create(string? tag, IMeterFactory? meterFactory)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        return meterFactory is null
            ? new LoadEngineMetrics(new Meter(MeterName), ownsMeter: true)
            : new LoadEngineMetrics(meterFactory.Create(MeterName), ownsMeter: false);
    }

    /// <summary>Labels for one (tag, target, endpoint), built once per run, not per request.</summary>
    public static KeyValuePair<string, object?>[] Labels(string tag, string target, string endpoint) =>
        [new("tag", tag), new("target", target), new("endpoint", endpoint)];

    internal void Response(double latencyMs, ReadOnlySpan<KeyValuePair<string, object?>> labels)
    {
        _requests.Add(1, labels);
        _latency.Record(latencyMs, labels);
    }

    internal void Failure(ErrorKind kind, ReadOnlySpan<KeyValuePair<string, object?>> labels)
    {
        _requests.Add(1, labels);
        if (_errors.Enabled)
        {
            Span<KeyValuePair<string, object?>> withKind = [labels[0], labels[1], labels[2], new("kind", ErrorKinds.Name(kind))];
            _errors.Add(1, withKind);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
