using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class HistoryComparisonTests
{
    [Fact]
    public void CompareWithHistory_FarOutsideTheBandAndPastTheThreshold_IsRegression()
    {
        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(Run("test", 150), History(100, 101, 99, 102, 98, 100));

        var metric = Assert.Single(comparison.Metrics);
        Assert.Equal(Verdict.Regression, metric.Verdict);
        Assert.Equal("history", metric.Method);
        Assert.InRange(metric.ChangePercent, 48, 52);
        Assert.True(metric.CiLowPercent > 10, $"low {metric.CiLowPercent}");
        Assert.Equal(5, comparison.BaselineRuns); // the sixth is older than HistoryBaselines
        Assert.Equal("baseline-0", comparison.BaselineTestId);
        Assert.Contains("against the last 5 baselines", comparison.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWithHistory_InsideTheBandWithinTheThreshold_IsUnchanged()
    {
        var metric = PairedComparisonTests.Comparer().CompareWithHistory(Run("test", 101.5), History(100, 103, 97, 102, 98)).Metrics.Single();

        Assert.Equal(Verdict.Unchanged, metric.Verdict);
        Assert.Contains("within the threshold", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWithHistory_PastTheThresholdButInsideAWideBand_IsInconclusive()
    {
        var metric = PairedComparisonTests.Comparer().CompareWithHistory(Run("test", 125), History(100, 130, 75, 115, 90)).Metrics.Single();

        Assert.Equal(Verdict.Inconclusive, metric.Verdict);
        Assert.Contains("prediction band", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWithHistory_TooFewBaselines_FallsBackToTheWindowRuleAndSaysSo()
    {
        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(Run("test", 100), History(100, 100));

        Assert.Contains("only 2 baselines", comparison.Method, StringComparison.Ordinal);
        Assert.Equal(1, comparison.BaselineRuns);
        Assert.Equal("window", comparison.Metrics.Single().Method);
    }

    [Fact]
    public void CompareWithHistory_NoBaselines_IsNoBaseline()
    {
        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(Run("test", 100), []);

        Assert.Equal(Verdict.NoBaseline, comparison.Verdict);
        Assert.Equal(0, comparison.BaselineRuns);
    }

    [Fact]
    public void CompareWithHistory_MetricNewToTheHistory_IsNoBaselineForThatMetric()
    {
        var test = Run("test", 100);
        var extra = PairedRuns.Query("new_query", 10, 5);
        test = test with { Queries = [.. test.Queries, extra] };

        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(test, History(100, 101, 99));

        var row = comparison.Metrics.Single(m => m.Metric == "new_query");
        Assert.Equal(Verdict.NoBaseline, row.Verdict);
        Assert.Contains("only 0 of the last 3 baselines", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWithHistory_PairedTestRun_UsesItsTestRepetitions()
    {
        var paired = PairedRuns.Run(("latency", 10, [(100, 150), (100, 152), (100, 148)]));

        var metric = PairedComparisonTests.Comparer().CompareWithHistory(paired, History(100, 101, 99, 102, 98)).Metrics.Single();

        Assert.InRange(metric.TestMedian, 149, 151);
        Assert.Equal(Verdict.Regression, metric.Verdict);
    }

    private static RunMeasurements Run(string id, double value) => new(id, id + "-commit", [PairedRuns.Query("latency", 10, value)], null);

    private static List<RunMeasurements> History(params double[] values) =>
        [.. values.Select((v, i) => Run("baseline-" + i, v))];
}
