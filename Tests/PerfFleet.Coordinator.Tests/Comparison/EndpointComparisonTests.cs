using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class EndpointComparisonTests
{
    [Fact]
    public void ComparePaired_OneEndpointSlowerInEveryPair_IsARegressionThoughTheTotalsHideIt()
    {
        // /checkout is 1 request in 20: its +30 % moves the total p99 by about 5 %, inside its 10 % threshold.
        var run = Paired(6, pair => (
            Baseline: Summary(("GET /home", 19000, 10 * Jitter(pair)), ("POST /checkout", 1000, 40 * Jitter(pair))),
            Test: Summary(("GET /home", 19000, 10 * Jitter(pair + 7)), ("POST /checkout", 1000, 52 * Jitter(pair + 7)))));

        var comparison = PairedComparisonTests.Comparer().ComparePaired(run);

        Assert.Equal(Verdict.Regression, comparison.Verdict);
        Assert.DoesNotContain(comparison.Metrics, m => m.Verdict == Verdict.Regression);
        Assert.Equal("POST /checkout", comparison.Endpoints[0].Endpoint); // the worst endpoint first
        var checkout = comparison.Endpoints.Single(m => m.Endpoint == "POST /checkout" && m.Metric == EngineMetrics.P99Ms);
        Assert.Equal(Verdict.Regression, checkout.Verdict);
        Assert.InRange(checkout.ChangePercent, 25, 35);
        Assert.Equal(6, checkout.Pairs);
        Assert.Equal("paired", checkout.Method);
        var home = comparison.Endpoints.Single(m => m.Endpoint == "GET /home" && m.Metric == EngineMetrics.P99Ms);
        Assert.NotEqual(Verdict.Regression, home.Verdict);
        Assert.Equal(6, comparison.Endpoints.Count); // three engine metrics for each of the two endpoints
        Assert.StartsWith("2 endpoints, a family of their own: Holm", comparison.EndpointCorrection, StringComparison.Ordinal);
        Assert.All(comparison.Metrics, m => Assert.Equal(string.Empty, m.Endpoint));
    }

    [Fact]
    public void ComparePaired_NoEndpointChanged_KeepsTheRunsVerdict()
    {
        var run = Paired(6, pair => (
            Baseline: Summary(("GET /home", 9000, 10 * Jitter(pair)), ("POST /checkout", 1000, 40 * Jitter(pair + 3))),
            Test: Summary(("GET /home", 9000, 10 * Jitter(pair + 7)), ("POST /checkout", 1000, 40 * Jitter(pair + 11)))));

        var comparison = PairedComparisonTests.Comparer().ComparePaired(run);

        Assert.Equal(Verdict.Unchanged, comparison.Verdict);
        Assert.All(comparison.Endpoints.Where(m => m.Metric == EngineMetrics.P99Ms), m => Assert.Equal(Verdict.Unchanged, m.Verdict));
    }

    [Fact]
    public void ComparePaired_OneEndpoint_HasNoEndpointRows()
    {
        var run = Paired(4, pair => (Summary(("GET /", 5000, 10 * Jitter(pair))), Summary(("GET /", 5000, 10 * Jitter(pair + 5)))));

        var comparison = PairedComparisonTests.Comparer().ComparePaired(run);

        Assert.Empty(comparison.Endpoints);
        Assert.Equal(string.Empty, comparison.EndpointCorrection);
    }

    [Fact]
    public void ComparePaired_RareEndpoint_IsLeftOutAndNamed()
    {
        var run = Paired(4, pair => (
            Baseline: Summary(("GET /home", 9000, 10 * Jitter(pair)), ("GET /admin", 30, 40), ("GET /cart", 900, 20)),
            Test: WithTotalOf(Summary(("GET /home", 9000, 10 * Jitter(pair + 3)), ("GET /admin", 30, 400), ("GET /cart", 900, 20)), Summary(("GET /home", 9000, 10 * Jitter(pair)), ("GET /admin", 30, 40), ("GET /cart", 900, 20)))));

        var comparison = PairedComparisonTests.Comparer().ComparePaired(run);

        Assert.DoesNotContain(comparison.Endpoints, m => m.Endpoint == "GET /admin");
        Assert.Contains("GET /admin (fewer than 200 requests in a test run)", comparison.EndpointCorrection, StringComparison.Ordinal);
        Assert.Equal(Verdict.Unchanged, comparison.Verdict); // the tenfold p99 of 30 requests decides nothing
    }

    [Fact]
    public void ComparePaired_MoreEndpointsThanTheLimit_JudgesTheBusiestAndNamesTheRest()
    {
        var options = new ComparisonOptions { MaxEndpoints = 2 };
        (string, long, double)[] endpoints = [("GET /a", 3000, 10), ("GET /b", 2000, 10), ("GET /c", 1000, 10)];
        var run = Paired(3, pair => (Summary(endpoints), Summary(endpoints)));

        var comparison = PairedComparisonTests.Comparer(options).ComparePaired(run);

        Assert.Equal(["GET /a", "GET /b"], comparison.Endpoints.Select(m => m.Endpoint).Distinct().Order());
        Assert.Contains("GET /c (past the first 2)", comparison.EndpointCorrection, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWithHistory_EndpointSlowerThanEveryBaseline_IsARegression()
    {
        var baselines = Enumerable.Range(0, 5)
            .Select(i => new RunMeasurements($"base-{i}", "base", [], Summary(("GET /home", 9000, 10 * Jitter(i)), ("POST /checkout", 1000, 40 * Jitter(i + 3)))))
            .ToList();
        var test = new RunMeasurements("test-1", "test", [], Summary(("GET /home", 9000, 10), ("POST /checkout", 1000, 60)));

        var comparison = PairedComparisonTests.Comparer().CompareWithHistory(test, baselines);

        var checkout = comparison.Endpoints.Single(m => m.Endpoint == "POST /checkout" && m.Metric == EngineMetrics.P99Ms);
        Assert.Equal("history", checkout.Method);
        Assert.Equal(5, checkout.BaselineSamples);
        Assert.Equal(Verdict.Regression, checkout.Verdict);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
    }

    [Fact]
    public void Compare_BaselineWithoutTheEndpoint_SaysNoBaselineForItAndKeepsTheRunsVerdict()
    {
        var baseline = new RunMeasurements("base-1", "base", [], Summary(("GET /home", 9000, 10), ("GET /cart", 900, 20)));
        var test = new RunMeasurements("test-1", "test", [], WithTotalOf(Summary(("GET /home", 9000, 10), ("GET /cart", 900, 20), ("POST /new", 900, 90)), baseline.Summary!));

        var comparison = PairedComparisonTests.Comparer().Compare(test, baseline);

        Assert.All(comparison.Endpoints.Where(m => m.Endpoint == "POST /new"), m => Assert.Equal(Verdict.NoBaseline, m.Verdict));
        Assert.All(comparison.Endpoints.Where(m => m.Endpoint == "POST /new"), m => Assert.Equal("the baseline run sent no requests to this endpoint", m.Message));
        Assert.Equal(VerdictRule.Overall(comparison.Metrics.Select(m => m.Verdict)), comparison.Verdict); // the run's own rows decide
    }

    [Fact]
    public void Compare_OneRunEach_ShowsTheEndpointsVerdictButDoesNotCountIt()
    {
        // Two runs of one build on a busy machine: /home's p99 of 2,000 requests moved by a third.
        var baseline = new RunMeasurements("base-1", "base", [], Summary(("GET /home", 2000, 2.18), ("GET /items/{id}", 1500, 3.1)));
        var test = new RunMeasurements("test-1", "test", [], WithTotalOf(Summary(("GET /home", 2000, 2.89), ("GET /items/{id}", 1500, 3.1)), baseline.Summary!));

        var comparison = PairedComparisonTests.Comparer().Compare(test, baseline);

        Assert.Equal(Verdict.Regression, comparison.Endpoints.Single(m => m.Endpoint == "GET /home" && m.Metric == EngineMetrics.P99Ms).Verdict);
        Assert.Equal(VerdictRule.Overall(comparison.Metrics.Select(m => m.Verdict)), comparison.Verdict);
        Assert.NotEqual(Verdict.Regression, comparison.Verdict);
        Assert.EndsWith("one run each, whose spread between runs is unknown: shown, not counted in the run's verdict", comparison.EndpointCorrection, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoBaselineAtAll_StaysNoBaseline()
    {
        var test = new RunMeasurements("test-1", "test", [], Summary(("GET /home", 9000, 10), ("GET /cart", 900, 20)));

        var comparison = PairedComparisonTests.Comparer().Compare(test, baseline: null);

        Assert.Equal(Verdict.NoBaseline, comparison.Verdict);
        Assert.All(comparison.Endpoints, m => Assert.Equal(Verdict.NoBaseline, m.Verdict));
    }

    // A repeatable machine factor within +/- 1.5 %.
    private static double Jitter(int seed) => 1 + (0.015 * Math.Sin(seed * 12.9898));

    private static RunMeasurements Paired(int pairs, Func<int, (LoadSummary Baseline, LoadSummary Test)> summaries)
    {
        var repetitions = new List<Repetition>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var (baseline, test) = summaries(pair);
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Baseline, Commit = "base", Summary = baseline });
            repetitions.Add(new Repetition { Pair = pair, Role = RepetitionRole.Test, Commit = "test", Summary = test });
        }

        return new RunMeasurements("paired-1", "test", [], null, Repetitions: repetitions);
    }

    /// <summary>A summary whose total is the request-weighted mix of its endpoints (p99: the slowest endpoint's share shows in it as a mean would).</summary>
    private static LoadSummary Summary(params (string Name, long Requests, double P99Ms)[] endpoints)
    {
        var summary = new LoadSummary { RequestedRate = 100 };
        var requests = endpoints.Sum(e => e.Requests);
        summary.Total = Stats(requests, endpoints.Sum(e => e.P99Ms * e.Requests) / requests);
        foreach (var (name, count, p99) in endpoints)
        {
            summary.ByEndpoint[name] = Stats(count, p99);
        }

        return summary;
    }

    // The new endpoint's requests came out of the others' share: the totals stay as they were.
    private static LoadSummary WithTotalOf(LoadSummary summary, LoadSummary other)
    {
        summary.Total = other.Total.Clone();
        return summary;
    }

    private static LoadStats Stats(long requests, double p99Ms) => new()
    {
        Requests = requests,
        Responses = requests,
        AchievedRate = requests / 60.0,
        LatencyIntended = new Histogram { TotalCount = requests, Percentiles = new LatencyPercentiles { P99Ms = p99Ms } },
    };
}
