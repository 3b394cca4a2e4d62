using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace PerfFleet.Contracts.Telemetry;

/// <summary>
/// Exposes <see cref="System.Diagnostics.Metrics"/> instruments in the Prometheus text
/// exposition format (version 0.0.4). OpenTelemetry.Exporter.Prometheus.AspNetCore and
/// prometheus-net cannot be restored here, so this is the one place that speaks the format;
/// when the package becomes available, this class is what it replaces.
/// </summary>
public sealed class PrometheusMetricsExporter : IDisposable
{
    /// <summary>Default latency buckets, in seconds (Prometheus client defaults, extended to 60 s).</summary>
    public static readonly double[] DefaultSecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly Func<string, bool> _includeMeter;
    private readonly object _collectGate = new();

    /// <param name="meterPrefixes">Meters whose name starts with one of these are exported.</param>
    public PrometheusMetricsExporter(IEnumerable<string> meterPrefixes)
    {
        var prefixes = meterPrefixes.ToArray();
        _includeMeter = name => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_includeMeter(instrument.Meter.Name) && CreateState(instrument) is { } state && _states.TryAdd(instrument, state))
            {
                listener.EnableMeasurementEvents(instrument, state);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _states.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<long>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<int>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<short>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<byte>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<decimal>((i, v, t, s) => OnMeasurement(i, (double)v, t, s));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Collects observable instruments and writes every series.</summary>
    public string Scrape()
    {
        var sb = new StringBuilder();
        using var writer = new StringWriter(sb);
        lock (_collectGate)
        {
            foreach (var state in _states.Values)
            {
                state.BeginCollect();
            }

            _listener.RecordObservableInstruments();
            foreach (var state in _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                state.Write(writer);
            }
        }

        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is InstrumentState s)
        {
            s.Record(MetricKey.From(tags), value);
        }
    }

    private static InstrumentState? CreateState(Instrument instrument)
    {
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var help = instrument.Description ?? string.Empty;
        if (kind == typeof(Counter<>))
        {
            return new ScalarState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: true), help, "counter", accumulate: true, resetEachCollect: false);
        }

        if (kind == typeof(ObservableCounter<>))
        {
            return new ScalarState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: true), help, "counter", accumulate: false, resetEachCollect: true);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new ScalarState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: false), help, "gauge", accumulate: true, resetEachCollect: false);
        }

        if (kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>))
        {
            return new ScalarState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: false), help, "gauge", accumulate: false, resetEachCollect: true);
        }

        if (kind == typeof(Gauge<>))
        {
            return new ScalarState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: false), help, "gauge", accumulate: false, resetEachCollect: false);
        }

        if (kind == typeof(Histogram<>))
        {
            return new HistogramState(PrometheusNames.Metric(instrument.Name, instrument.Unit, isCounter: false), help, BucketsFor(instrument));
        }

        return null;
    }

    private static double[] BucketsFor(Instrument instrument)
    {
        // Instruments may advise their own boundaries (InstrumentAdvice); else scale the
        // seconds defaults to the instrument's unit.
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            Array.Sort(advised);
            return advised;
        }

        var scale = instrument.Unit == "ms" ? 1000.0 : 1.0;
        return DefaultSecondsBuckets.Select(b => b * scale).ToArray();
    }
}
