using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>
/// Compares a completed run with its baseline (the newest completed baseline run of the same
/// repository and scenario, chosen by the caller): every PromQL query of the test run and the
/// load engine's own metrics, and the CPU and memory of each container of the stack, each with the
/// numbers behind its verdict.
/// </summary>
public sealed class RunComparer(IOptions<ComparisonOptions> options, TimeProvider timeProvider)
{
    private readonly ComparisonOptions _options = options.Value;

    public double Alpha => _options.Alpha;

    /// <param name="test">The run being judged.</param>
    /// <param name="baseline">The baseline run, or null when the repository and scenario have none yet.</param>
    public PerfFleet.Contracts.V1.Comparison Compare(RunMeasurements test, RunMeasurements? baseline)
    {
        ArgumentNullException.ThrowIfNull(test);
        var comparison = new PerfFleet.Contracts.V1.Comparison
        {
            TestId = test.TestId,
            BaselineTestId = baseline?.TestId ?? string.Empty,
            BaselineCommit = baseline?.Commit ?? string.Empty,
            Alpha = _options.Alpha,
            ComputedAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
        };

        foreach (var query in test.Queries)
        {
            comparison.Metrics.Add(CompareQuery(query, baseline));
        }

        foreach (var spec in EngineMetrics.Specs(_options))
        {
            var testSamples = EngineMetrics.Samples(test, spec.Name);
            if (testSamples is null)
            {
                continue; // an external load generator: the engine has nothing to say
            }

            var baselineSamples = baseline is null ? null : EngineMetrics.Samples(baseline, spec.Name);
            comparison.Metrics.Add(baselineSamples is null
                ? MetricComparer.NotCompared(spec, Verdict.NoBaseline, baseline is null ? "no baseline run" : "the baseline run has no load engine summary")
                : MetricComparer.Compare(spec, baselineSamples, testSamples, _options.Alpha));
        }

        comparison.Metrics.Add(ResourceComparer.Compare(test, baseline, _options.Resources, _options.Alpha));
        comparison.Verdict = baseline is null ? Verdict.NoBaseline : VerdictRule.Overall(comparison.Metrics.Select(m => m.Verdict));
        return comparison;
    }

    /// <summary>A paired run judged on its own interleaved repetitions.</summary>
    public PerfFleet.Contracts.V1.Comparison ComparePaired(RunMeasurements run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Compare(run, null);
    }

    /// <summary>An unpaired run judged against the stored baselines, newest first.</summary>
    public PerfFleet.Contracts.V1.Comparison CompareWithHistory(RunMeasurements test, IReadOnlyList<RunMeasurements> baselines)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        return Compare(test, baselines.Count == 0 ? null : baselines[0]);
    }

    private MetricComparison CompareQuery(QueryResult query, RunMeasurements? baseline)
    {
        var spec = new MetricSpec(query.Name, MetricSpec.QuerySource, query.Better, query.ThresholdPercent);
        if (!string.IsNullOrEmpty(query.Error))
        {
            return MetricComparer.NotCompared(spec, Verdict.Error, "the query failed: " + query.Error);
        }

        if (baseline is null)
        {
            return MetricComparer.NotCompared(spec, Verdict.NoBaseline, "no baseline run");
        }

        var baselineQuery = baseline.Queries.FirstOrDefault(q => q.Name == query.Name);
        if (baselineQuery is null)
        {
            return MetricComparer.NotCompared(spec, Verdict.NoBaseline, "the baseline run has no query named " + query.Name);
        }

        if (!string.IsNullOrEmpty(baselineQuery.Error))
        {
            return MetricComparer.NotCompared(spec, Verdict.NoBaseline, "the query failed in the baseline run: " + baselineQuery.Error);
        }

        return MetricComparer.Compare(spec, AllSamples(baselineQuery), AllSamples(query), _options.Alpha);
    }

    private static List<double> AllSamples(QueryResult query) =>
        query.Series.SelectMany(series => series.Samples).Select(sample => sample.Value).ToList();
}
