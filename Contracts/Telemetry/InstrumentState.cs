using System.Globalization;

namespace PerfFleet.Contracts.Telemetry;

/// <summary>The aggregated series of one instrument, written in the exposition format.</summary>
internal abstract class InstrumentState(string name, string help)
{
    protected readonly object Gate = new();

    public string Name { get; } = name;

    public string Help { get; } = help;

    /// <summary>Observable instruments report a fresh snapshot at each scrape.</summary>
    public virtual void BeginCollect()
    {
    }

    public abstract void Record(MetricKey key, double value);

    public abstract void Write(TextWriter writer);

    protected static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    protected static string Series(string name, MetricKey key, string? extraLabel = null)
    {
        var labels = key.Labels;
        if (extraLabel is not null)
        {
            labels = labels.Length == 0 ? extraLabel : labels + "," + extraLabel;
        }

        return labels.Length == 0 ? name : $"{name}{{{labels}}}";
    }

    protected void WriteHeader(TextWriter writer, string type)
    {
        if (Help.Length > 0)
        {
            writer.Write($"# HELP {Name} {Help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\n");
        }

        writer.Write($"# TYPE {Name} {type}\n");
    }
}

/// <summary>Counters and gauges: one number per series.</summary>
internal sealed class ScalarState(string name, string help, string type, bool accumulate, bool resetEachCollect)
    : InstrumentState(name, help)
{
    private readonly Dictionary<MetricKey, double> _values = [];

    public override void BeginCollect()
    {
        if (resetEachCollect)
        {
            lock (Gate)
            {
                _values.Clear();
            }
        }
    }

    public override void Record(MetricKey key, double value)
    {
        lock (Gate)
        {
            _values[key] = accumulate && _values.TryGetValue(key, out var current) ? current + value : value;
        }
    }

    public override void Write(TextWriter writer)
    {
        lock (Gate)
        {
            if (_values.Count == 0)
            {
                return;
            }

            WriteHeader(writer, type);
            foreach (var (key, value) in _values)
            {
                writer.Write($"{Series(Name, key)} {Format(value)}\n");
            }
        }
    }
}

/// <summary>Histograms: cumulative bucket counts, sum and count per series.</summary>
internal sealed class HistogramState(string name, string help, double[] bounds) : InstrumentState(name, help)
{
    private readonly Dictionary<MetricKey, Buckets> _series = [];

    public override void Record(MetricKey key, double value)
    {
        lock (Gate)
        {
            if (!_series.TryGetValue(key, out var buckets))
            {
                buckets = new Buckets(new long[bounds.Length + 1]);
                _series[key] = buckets;
            }

            var index = Array.BinarySearch(bounds, value);
            buckets.Counts[index >= 0 ? index : ~index]++;
            buckets.Sum += value;
            buckets.Count++;
        }
    }

    public override void Write(TextWriter writer)
    {
        lock (Gate)
        {
            if (_series.Count == 0)
            {
                return;
            }

            WriteHeader(writer, "histogram");
            foreach (var (key, buckets) in _series)
            {
                long cumulative = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += buckets.Counts[i];
                    writer.Write($"{Series(Name + "_bucket", key, $"le=\"{Format(bounds[i])}\"")} {cumulative}\n");
                }

                writer.Write($"{Series(Name + "_bucket", key, "le=\"+Inf\"")} {buckets.Count}\n");
                writer.Write($"{Series(Name + "_sum", key)} {Format(buckets.Sum)}\n");
                writer.Write($"{Series(Name + "_count", key)} {buckets.Count}\n");
            }
        }
    }

    private sealed class Buckets(long[] counts)
    {
        public long[] Counts { get; } = counts;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
