using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>Tests with unique ids, stored in the coordinator's state.</summary>
public static class Seed
{
    public static readonly DateTimeOffset Created = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static LoadTest Test(CoordinatorState state, TestStatus status, string repository = "acme/shop", TestKind kind = TestKind.Test)
    {
        var test = new LoadTest
        {
            Id = "seed-" + Guid.NewGuid().ToString("N")[..10],
            Status = status,
            CreatedAt = Timestamp.FromDateTimeOffset(Created),
            Spec = new LoadTestSpec
            {
                Repository = repository,
                Commit = new string('a', 40),
                Scenario = "checkout",
                Kind = kind,
                Rate = 200,
                Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
            },
        };
        state.Tests[test.Id] = new TestDetails { Test = test };
        return test;
    }

    public static TestDetails WithComparison(CoordinatorState state, Verdict verdict)
    {
        var test = Test(state, TestStatus.Completed);
        test.Verdict = verdict;
        var details = state.Tests[test.Id];
        details.Summary = new LoadSummary
        {
            RequestedRate = 200,
            Total = new LoadStats
            {
                Requests = 12_000,
                Errors = 3,
                AchievedRate = 199.5,
                LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P50Ms = 4.2, P90Ms = 9.1, P99Ms = 31.7, MaxMs = 80 } },
            },
        };
        details.Queries.Add(new QueryResult
        {
            Name = "http_p99",
            Better = Better.Lower,
            ThresholdPercent = 10,
            Series = { new Series { Samples = { new Sample { Value = 30 }, new Sample { Value = 32 }, new Sample { Value = 31 } } } },
        });
        details.Comparison = new Comparison
        {
            TestId = test.Id,
            BaselineTestId = "baseline-1",
            BaselineCommit = new string('b', 40),
            Alpha = 0.05,
            Verdict = verdict,
            Metrics =
            {
                new MetricComparison
                {
                    Metric = "http_p99", Source = "query", Better = Better.Lower, ThresholdPercent = 10,
                    BaselineMedian = 20, TestMedian = 31, ChangePercent = 55, PValue = 0.001, Verdict = verdict,
                },
                new MetricComparison
                {
                    Metric = "engine.achieved_rate", Source = "engine", Better = Better.Higher, ThresholdPercent = 5,
                    BaselineMedian = 199, TestMedian = 199.5, ChangePercent = 0.25, PValue = 0.8, Verdict = Verdict.Unchanged,
                },
            },
        };
        return details;
    }
}
