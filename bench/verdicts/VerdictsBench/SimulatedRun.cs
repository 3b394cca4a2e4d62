using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Bench.Verdicts;

/// <summary>
/// One measured window of the realistic 10-metric run: 4 queries (p99 and p50 latency, request
/// rate, error ratio), the engine's 3 (intended-time p99, achieved rate, error rate) and 3
/// resources (api CPU and memory, db CPU). <see cref="Windows"/> keeps each metric's raw samples
/// for the old rule; <see cref="ToRepetition"/> and <see cref="ToRun"/> give the comparer the
/// protobuf a worker would send.
/// </summary>
internal sealed class SimulatedRun
{
    public const int WindowPoints = 60;
    private const long Requests = 10_000;

    private SimulatedRun(Dictionary<string, double[]> windows, double engineP99, double achievedRate, long errors)
    {
        Windows = windows;
        EngineP99 = engineP99;
        AchievedRate = achievedRate;
        Errors = errors;
    }

    public Dictionary<string, double[]> Windows { get; }

    public double EngineP99 { get; }

    public double AchievedRate { get; }

    public long Errors { get; }

    public double ErrorRatePercent => (double)Errors / Requests * 100;

    /// <param name="noise">The trial's noise.</param>
    /// <param name="kind">How the window's points depend on each other.</param>
    /// <param name="offsetSigma">This machine's run-to-run spread (log scale): each window gets its own factor.</param>
    /// <param name="latencyFactor">1 for the baseline, 1.05 or 1.10 for a slower test commit.</param>
    public static SimulatedRun Measure(Noise noise, SeriesKind kind, double offsetSigma, double latencyFactor)
    {
        // The machine's state during this window: the same factor for everything that scales with speed.
        var machine = Math.Exp(offsetSigma * noise.Normal());
        var windows = new Dictionary<string, double[]>
        {
            ["p99_ms"] = Window(noise, kind, 120 * machine * latencyFactor, 0.08),
            ["p50_ms"] = Window(noise, kind, 40 * machine * latencyFactor, 0.04),
            ["requests_per_second"] = Window(noise, kind, 500, 0.01),
            ["error_ratio"] = Window(noise, kind, 0.002, 0.3),
            ["api.cpu"] = Window(noise, kind, 0.8 * machine, 0.06),
            ["api.memory"] = Window(noise, kind, 300 * ResourceMetrics.BytesPerMebibyte * machine, 0.01),
            ["db.cpu"] = Window(noise, kind, 0.3 * machine, 0.08),
        };
        var p99 = 125 * machine * latencyFactor * Math.Exp(0.03 * noise.Normal());
        var rate = 500 * (1 + (0.002 * noise.Normal()));
        return new SimulatedRun(windows, p99, rate, noise.Poisson(5));
    }

    public static IEnumerable<(string Name, Better Better)> Queries =>
        [("p99_ms", Better.Lower), ("p50_ms", Better.Lower), ("requests_per_second", Better.Higher), ("error_ratio", Better.Lower)];

    public RunMeasurements ToRun(string id, BenchThresholds thresholds) =>
        new(id, id, QueryResults(thresholds), Summary(), Resources: ResourceSeries());

    public Repetition ToRepetition(int pair, RepetitionRole role, int order, BenchThresholds thresholds)
    {
        var repetition = new Repetition { Pair = pair, Role = role, Commit = role.ToString(), Order = order, Summary = Summary() };
        repetition.Queries.Add(QueryResults(thresholds));
        repetition.Resources.Add(ResourceSeries());
        return repetition;
    }

    private static double[] Window(Noise noise, SeriesKind kind, double level, double coefficientOfVariation)
    {
        var series = noise.Series(kind, WindowPoints);
        for (var i = 0; i < series.Length; i++)
        {
            series[i] = Math.Max(0, level * (1 + (coefficientOfVariation * series[i])));
        }

        return series;
    }

    private List<QueryResult> QueryResults(BenchThresholds thresholds) =>
        [.. Queries.Select(q =>
        {
            var result = new QueryResult { Name = q.Name, Better = q.Better, ThresholdPercent = thresholds.Query(q.Name), Floor = thresholds.QueryFloor(q.Name) };
            var series = new Series();
            series.Samples.Add(Windows[q.Name].Select(v => new Sample { Value = v }));
            result.Series.Add(series);
            return result;
        })];

    private LoadSummary Summary() => new()
    {
        Total = new LoadStats
        {
            Requests = Requests,
            Errors = Errors,
            AchievedRate = AchievedRate,
            LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = EngineP99 } },
        },
    };

    private List<ResourceSeries> ResourceSeries()
    {
        var api = new ResourceSeries { Name = "api" };
        api.CpuCores.Add(Windows["api.cpu"].Select(v => new Sample { Value = v }));
        api.MemoryBytes.Add(Windows["api.memory"].Select(v => new Sample { Value = v }));
        var db = new ResourceSeries { Name = "db" };
        db.CpuCores.Add(Windows["db.cpu"].Select(v => new Sample { Value = v }));
        return [api, db];
    }
}
