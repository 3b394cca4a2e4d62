using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>Comparisons and tests as storage would hand them to reporting.</summary>
internal static class Samples
{
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";

    public static PerfFleet.Contracts.V1.Comparison Regression()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison
        {
            TestId = "t1",
            BaselineTestId = "b1",
            BaselineCommit = "fedcba9876543210",
            Alpha = 0.01,
            Verdict = Verdict.Regression,
        };
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "p99|ms", Source = "query", Better = Better.Lower, ThresholdPercent = 10,
            BaselineMedian = 100, TestMedian = 125, ChangePercent = 25, PValue = 1e-6, UStatistic = 10,
            BaselineSamples = 60, TestSamples = 60, Verdict = Verdict.Regression,
        });
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "engine.error_rate", Source = "engine", Better = Better.Lower, ThresholdPercent = 10,
            BaselineMedian = double.NaN, TestMedian = double.NaN, ChangePercent = double.NaN, PValue = double.NaN,
            Verdict = Verdict.Error, Message = "the test run has no finite samples for this metric",
        });
        return comparison;
    }

    public static LoadTest CompletedPullRequestTest(string scenario = "api") => new()
    {
        Id = "t1",
        Status = TestStatus.Completed,
        WebUrl = "https://perf.example/tests/t1",
        Spec = new LoadTestSpec { Repository = "octo/app", Commit = Sha, Scenario = scenario, Kind = TestKind.Test, PullRequest = 7, Branch = "feature" },
    };
}
