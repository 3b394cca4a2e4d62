using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Two runs measured once each (a CLI run, <c>/compare</c>, a history too short to have a
/// spread): each metric's window samples against the baseline's. Two or more samples a side get
/// <see cref="WindowEvidence"/> (effective sample sizes for the autocorrelation, plus the assumed
/// run-to-run spread); one value a side (an engine summary) is judged on that spread alone, or by
/// the threshold only (<see cref="ThresholdEvidence"/>) when the spread is configured as 0.
/// </summary>
internal static class WindowComparison
{
    public const string NoEngineSummary = "the baseline run has no load engine summary";

    public static IReadOnlyList<PendingMetric> Compare(RunMeasurements test, RunMeasurements? baseline, ComparisonOptions options)
    {
        var rows = new List<PendingMetric>();
        foreach (var query in test.Queries)
        {
            rows.Add(CompareQuery(query, baseline, options.WindowRunSpreadPercent));
        }

        foreach (var spec in EngineMetrics.Specs(options))
        {
            var testSamples = EngineMetrics.Samples(test, spec.Name);
            if (testSamples is null)
            {
                continue; // an external load generator: the engine has nothing to say
            }

            var baselineSamples = baseline is null ? null : EngineMetrics.Samples(baseline, spec.Name);
            rows.Add(baselineSamples is null
                ? PendingMetric.Final(spec, Verdict.NoBaseline, baseline is null ? "no baseline run" : NoEngineSummary)
                : Judge(spec, [baselineSamples], [testSamples], options.WindowRunSpreadPercent));
        }

        rows.AddRange(ResourceComparer.Compare(test, baseline, options.Resources, options.WindowRunSpreadPercent));
        return rows;
    }

    /// <summary>One metric's samples (per series, in time order) of both runs as a pending row.</summary>
    public static PendingMetric Judge(MetricSpec spec, IReadOnlyList<IReadOnlyList<double>> baseline, IReadOnlyList<IReadOnlyList<double>> test, double runSpreadPercent, string note = "")
    {
        var baselineSeries = baseline.Select(s => (IReadOnlyList<double>)MetricComparer.Finite(s)).Where(s => s.Count > 0).ToList();
        var testSeries = test.Select(s => (IReadOnlyList<double>)MetricComparer.Finite(s)).Where(s => s.Count > 0).ToList();
        var row = MetricComparer.Describe(spec);
        var baselineValues = baselineSeries.SelectMany(s => s).ToList();
        var testValues = testSeries.SelectMany(s => s).ToList();
        row.BaselineSamples = baselineValues.Count;
        row.TestSamples = testValues.Count;
        if (testValues.Count == 0)
        {
            return Final(row, spec, Verdict.Error, "the test run has no finite samples for this metric");
        }

        if (baselineValues.Count == 0)
        {
            return Final(row, spec, Verdict.NoBaseline, "the baseline run has no finite samples for this metric");
        }

        row.BaselineMedian = SampleStatistics.Median(baselineValues);
        row.TestMedian = SampleStatistics.Median(testValues);
        // One value a side and no assumed run spread: nothing to build an interval from.
        if (runSpreadPercent == 0 && (baselineValues.Count < 2 || testValues.Count < 2))
        {
            return new PendingMetric(row, spec, new ThresholdEvidence(row.BaselineMedian, row.TestMedian), note);
        }

        var evidence = new WindowEvidence(baselineSeries, testSeries, runSpreadPercent);
        row.EffectiveSamples = Math.Min(evidence.TestEffective, evidence.BaselineEffective);
        return new PendingMetric(row, spec, evidence, note);
    }

    private static PendingMetric Final(MetricComparison row, MetricSpec spec, Verdict verdict, string reason)
    {
        row.Verdict = verdict;
        row.Message = reason;
        return PendingMetric.Final(row, spec);
    }

    private static PendingMetric CompareQuery(QueryResult query, RunMeasurements? baseline, double runSpreadPercent)
    {
        var spec = MetricSpec.ForQuery(query);
        if (!string.IsNullOrEmpty(query.Error))
        {
            return PendingMetric.Final(spec, Verdict.Error, "the query failed: " + query.Error);
        }

        if (baseline is null)
        {
            return PendingMetric.Final(spec, Verdict.NoBaseline, "no baseline run");
        }

        var baselineQuery = baseline.Queries.FirstOrDefault(q => q.Name == query.Name);
        if (baselineQuery is null)
        {
            return PendingMetric.Final(spec, Verdict.NoBaseline, "the baseline run has no query named " + query.Name);
        }

        if (!string.IsNullOrEmpty(baselineQuery.Error))
        {
            return PendingMetric.Final(spec, Verdict.NoBaseline, "the query failed in the baseline run: " + baselineQuery.Error);
        }

        return Judge(spec, Series(baselineQuery), Series(query), runSpreadPercent);
    }

    private static List<IReadOnlyList<double>> Series(QueryResult query) =>
        [.. query.Series.Select(s => (IReadOnlyList<double>)[.. s.Samples.Select(sample => sample.Value)])];
}
