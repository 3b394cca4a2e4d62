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

    /// <summary>
    /// The request counter's <c>status</c> label: the status code's class (1xx to 5xx) for an answer,
    /// the error kind (connect, timeout, io, ...) when no answer came, so a dashboard can show what a
    /// rate limiter sheds (429 is 4xx) apart from what breaks.
    /// </summary>
    public const string StatusLabel = "status";

    private static readonly string[] StatusClasses = ["other", "1xx", "2xx", "3xx", "4xx", "5xx"];

    internal void Response(double latencyMs, int statusCode, ReadOnlySpan<KeyValuePair<string, object?>> labels)
    {
        if (_requests.Enabled)
        {
            Span<KeyValuePair<string, object?>> withStatus = [labels[0], labels[1], labels[2], new(StatusLabel, StatusClass(statusCode))];
            _requests.Add(1, withStatus);
        }

        _latency.Record(latencyMs, labels);
    }

    internal void Failure(ErrorKind kind, ReadOnlySpan<KeyValuePair<string, object?>> labels)
    {
        var kindName = ErrorKinds.Name(kind);
        if (_requests.Enabled)
        {
            Span<KeyValuePair<string, object?>> withStatus = [labels[0], labels[1], labels[2], new(StatusLabel, kindName)];
            _requests.Add(1, withStatus);
        }

        if (_errors.Enabled)
        {
            Span<KeyValuePair<string, object?>> withKind = [labels[0], labels[1], labels[2], new("kind", kindName)];
            _errors.Add(1, withKind);
        }
    }

    /// <summary>"2xx" for 200 to 299 and so on; "other" for a code outside 100 to 599 (or a gRPC answer's 0).</summary>
    internal static string StatusClass(int statusCode) => StatusClasses[statusCode is >= 100 and < 600 ? statusCode / 100 : 0];

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
