using Google.Protobuf.WellKnownTypes;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>Runs with only resource series (one sample per second inside a 60 s measured window), as a worker reports them.</summary>
internal static class ResourceRuns
{
    public const double MiB = 1024 * 1024;

    public static readonly DateTimeOffset WindowStart = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset WindowEnd = WindowStart.AddSeconds(60);

    /// <summary>A summary that carries only the measured window (no totals: no engine rows).</summary>
    public static LoadSummary Window() => new()
    {
        WindowStart = Timestamp.FromDateTimeOffset(WindowStart),
        WindowEnd = Timestamp.FromDateTimeOffset(WindowEnd),
    };

    /// <summary>A container whose i-th samples are taken i+1 seconds into the window.</summary>
    public static ResourceSeries Container(string name, IReadOnlyList<double> cores, IReadOnlyList<double> memoryBytes)
    {
        var series = new ResourceSeries { Name = name };
        series.CpuCores.Add(cores.Select((value, i) => At(WindowStart.AddSeconds(i + 1), value)));
        series.MemoryBytes.Add(memoryBytes.Select((value, i) => At(WindowStart.AddSeconds(i + 1), value)));
        return series;
    }

    public static Sample At(DateTimeOffset time, double value) => new() { Time = Timestamp.FromDateTimeOffset(time), Value = value };

    /// <summary>Seeded normal samples around <paramref name="mean"/>.</summary>
    public static double[] Around(int seed, double mean, double standardDeviation, int count = 40) =>
        SyntheticSamples.Normal(new Random(seed), count, mean, standardDeviation);

    public static RunMeasurements Run(string kind, params ResourceSeries[] containers) =>
        new(kind + "-1", kind + "-commit", [], Window(), Resources: containers);

    public static MetricComparison Row(PerfFleet.Contracts.V1.Comparison comparison, string metric) =>
        Assert.Single(comparison.Metrics, m => m.Metric == metric && m.Source == MetricSpec.ResourceSource);
}
