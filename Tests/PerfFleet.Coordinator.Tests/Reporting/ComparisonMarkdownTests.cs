using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class ComparisonMarkdownTests
{
    [Fact]
    public void Comment_Regression_RendersMarkerHeaderAndTableRow()
    {
        var comment = ComparisonMarkdown.Comment("api", "0123456789abcdef", "https://perf.example/tests/t1", Samples.Regression());

        Assert.StartsWith("<!-- perffleet:api -->\n", comment, StringComparison.Ordinal);
        Assert.Contains("### PerfFleet `api`: \U0001F534 regression", comment, StringComparison.Ordinal);
        Assert.Contains("[`0123456`](https://perf.example/tests/t1) compared with baseline `fedcba9`", comment, StringComparison.Ordinal);
        Assert.Contains("| metric | baseline | test | change | interval | N | p-value | threshold | verdict |", comment, StringComparison.Ordinal);
        Assert.Contains("| p99\\|ms | 100 | 125 | +25.0% | n/a | 60 | <0.0001 | 10% (lower is better) | \U0001F534 regression |", comment, StringComparison.Ordinal);
        Assert.Contains("| engine.error_rate | n/a | n/a | n/a | n/a | 0 | n/a | 10% (lower is better) | \u26A0\uFE0F error |", comment, StringComparison.Ordinal);
        Assert.Contains("- `engine.error_rate`: the test run has no finite samples", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_PairedConfirmedRegression_ShowsIntervalPairsMethodAndConfirmation()
    {
        var comparison = Samples.Regression();
        comparison.Pairs = 5;
        comparison.Method = "5 interleaved pairs on one worker";
        comparison.Correction = "Holm over 2 metrics at alpha 0.01";
        comparison.Confirmation = ConfirmationState.Confirmed;
        var p99 = comparison.Metrics[0];
        p99.Pairs = 5;
        p99.CiLowPercent = 18.25;
        p99.CiHighPercent = 31.5;
        p99.Confidence = 0.995;

        var comment = ComparisonMarkdown.Comment("api", Samples.Sha, null, comparison);

        Assert.Contains("compared with baseline `fedcba9` (5 interleaved pairs on one worker; Holm over 2 metrics at alpha 0.01).", comment, StringComparison.Ordinal);
        Assert.Contains("**confirmed** by a fresh, independent run", comment, StringComparison.Ordinal);
        Assert.Contains("| +25.0% | +18.3% .. +31.5% (99.5%) | 5 pairs |", comment, StringComparison.Ordinal);
        Assert.StartsWith("confirmed regression in 1 of 2", ComparisonMarkdown.StatusDescription(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_Inconclusive_ExplainsItDoesNotFailTheCheck()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Inconclusive, BaselineCommit = "fedcba9", Pairs = 15 };
        comparison.Metrics.Add(new MetricComparison { Metric = "p99", Verdict = Verdict.Inconclusive, ChangePercent = 4, CiLowPercent = -1, CiHighPercent = 9, Confidence = 0.99, Pairs = 15 });

        var comment = ComparisonMarkdown.Comment("api", Samples.Sha, null, comparison);

        Assert.Contains("\u2754 inconclusive", comment, StringComparison.Ordinal);
        Assert.Contains("It does not fail the check.", comment, StringComparison.Ordinal);
        Assert.Equal("inconclusive in 1 of 1: p99 +4.0% (15 pairs)", ComparisonMarkdown.StatusDescription(comparison));
        Assert.Equal(CommitState.Success, VerdictText.StateOf(Verdict.Inconclusive));
    }

    [Fact]
    public void Comment_NoBaseline_SaysSo()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.NoBaseline };

        var comment = ComparisonMarkdown.Comment(string.Empty, "abc", null, comparison);

        Assert.Contains("<!-- perffleet:default -->", comment, StringComparison.Ordinal);
        Assert.Contains("no baseline run yet", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusDescription_Regression_NamesMetricsWithin140Characters()
    {
        var comparison = Samples.Regression();
        for (var i = 0; i < 20; i++)
        {
            comparison.Metrics.Add(new MetricComparison { Metric = "a_rather_long_metric_name_" + i, Verdict = Verdict.Regression, ChangePercent = 50 });
        }

        var description = ComparisonMarkdown.StatusDescription(comparison);

        Assert.StartsWith("regression in 21 of 22: p99|ms +25.0%", description, StringComparison.Ordinal);
        Assert.True(description.Length <= 140, description.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("...", description, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusDescription_Unchanged_CountsMetrics()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Unchanged };
        comparison.Metrics.Add(new MetricComparison { Metric = "x", Verdict = Verdict.Unchanged });

        Assert.Equal("no significant change in 1 metrics", ComparisonMarkdown.StatusDescription(comparison));
    }

    [Fact]
    public void Comment_ResourceRows_NamesWhatGotWorseAndExplainsNewAndGoneContainers()
    {
        var comparison = Samples.Regression();
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "api.memory_mib", Source = "resource", Better = Better.Lower, ThresholdPercent = 10,
            BaselineMedian = 200, TestMedian = 400, ChangePercent = 100, PValue = 1e-9, BaselineSamples = 40, TestSamples = 40, Verdict = Verdict.Regression,
        });
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "queue.cpu_cores", Source = "resource", Better = Better.Lower, ThresholdPercent = 10, BaselineMedian = double.NaN, TestMedian = 0.2,
            ChangePercent = double.NaN, PValue = double.NaN, TestSamples = 40, Verdict = Verdict.NoBaseline,
            Message = "new container: the baseline run has no container named 'queue'",
        });
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "cache.memory_mib", Source = "resource", Better = Better.Lower, ThresholdPercent = 10, BaselineMedian = 64, TestMedian = double.NaN,
            ChangePercent = double.NaN, PValue = double.NaN, BaselineSamples = 40, Verdict = Verdict.Unchanged,
            Message = "gone: this run has no container named 'cache'; not judged",
        });

        var comment = ComparisonMarkdown.Comment("api", "0123456789abcdef", null, comparison);

        Assert.Contains("**Worse:** `p99\\|ms` +25.0%, `api.memory_mib` +100.0%\n", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("**Better:**", comment, StringComparison.Ordinal);
        Assert.Contains("| api.memory_mib | 200 | 400 | +100.0% | n/a | 40 | <0.0001 | 10% (lower is better) | \U0001F534 regression |", comment, StringComparison.Ordinal);
        Assert.Contains("- `queue.cpu_cores`: new container: the baseline run has no container named 'queue'", comment, StringComparison.Ordinal);
        Assert.Contains("- `cache.memory_mib`: gone: this run has no container named 'cache'; not judged", comment, StringComparison.Ordinal);
        Assert.Contains("regression in 2 of 5: p99|ms +25.0%, api.memory_mib +100.0%", ComparisonMarkdown.StatusDescription(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_UnchangedMetricWithReason_NotListedAsNote()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Unchanged, BaselineCommit = "abc" };
        comparison.Metrics.Add(new MetricComparison { Metric = "api.cpu_cores", Source = "resource", TestSamples = 40, Verdict = Verdict.Unchanged, Message = "change 1% within threshold 10%" });

        var comment = ComparisonMarkdown.Comment("api", "abc", null, comparison);

        Assert.DoesNotContain("- `api.cpu_cores`", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("**Worse:**", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_EndpointRegression_NamedInWorseAndStatusWithTheRestFolded()
    {
        var comparison = EndpointRegression(quietEndpoints: 7);

        var comment = ComparisonMarkdown.Comment("api", Samples.Sha, null, comparison);
        var status = ComparisonMarkdown.StatusDescription(comparison);

        Assert.Contains("**Worse:** `POST /checkout engine.p99_ms` +30.0%\n", comment, StringComparison.Ordinal);
        Assert.Contains("#### Endpoints\n\n8 endpoints, a family of their own: Holm over 24 metrics", comment, StringComparison.Ordinal);
        var folded = comment.IndexOf("<details><summary>7 more endpoints</summary>", StringComparison.Ordinal);
        Assert.True(folded > comment.IndexOf("| POST /checkout engine.p99_ms | 40 | 52 | +30.0% |", StringComparison.Ordinal), comment);
        Assert.True(comment.IndexOf("| GET /page-0 engine.p99_ms |", StringComparison.Ordinal) > folded, comment);
        Assert.StartsWith("regression in 1 of 26: POST /checkout engine.p99_ms +30.0%", status, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_AllEndpointsUnchanged_FoldsThemAll()
    {
        var comparison = EndpointRegression(quietEndpoints: 2);
        comparison.Endpoints[0].Verdict = Verdict.Unchanged;
        comparison.Verdict = Verdict.Unchanged;

        var comment = ComparisonMarkdown.Comment("api", Samples.Sha, null, comparison);

        Assert.Contains("<details><summary>All 3 endpoints unchanged</summary>", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("**Worse:**", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_EndpointsLeftOut_SaysWhy()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Unchanged, BaselineCommit = "abc", EndpointCorrection = "no endpoint judged: GET /a, GET /b (fewer than 200 requests in a test run)" };

        var comment = ComparisonMarkdown.Comment("api", "abc", null, comparison);

        Assert.Contains("_Endpoints_: no endpoint judged: GET /a, GET /b (fewer than 200 requests in a test run)", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_MirroredTargets_HaveTheirOwnSectionAndVerdict()
    {
        var comment = ComparisonMarkdown.Comment("api", Samples.Sha, null, Duet());

        Assert.Contains("#### Targets against `http://127.0.0.1:8081`: \U0001F534 regression\n\none run: each target's single values", comment, StringComparison.Ordinal);
        Assert.Contains("| http://127.0.0.1:8082 engine.p99_ms | 10 | 15 | +50.0% |", comment, StringComparison.Ordinal);
    }

    /// <summary>A mirrored run with no baseline: the tuned target's p99 50 % above production's.</summary>
    internal static PerfFleet.Contracts.V1.Comparison Duet()
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.NoBaseline, TargetReference = "http://127.0.0.1:8081", TargetVerdict = Verdict.Regression, TargetMethod = "one run: each target's single values against http://127.0.0.1:8081's" };
        comparison.Targets.Add(new MetricComparison { Target = "http://127.0.0.1:8082", Metric = "engine.p99_ms", Source = "engine", Better = Better.Lower, BaselineMedian = 10, TestMedian = 15, ChangePercent = 50, Verdict = Verdict.Regression });
        return comparison;
    }

    /// <summary>The run's own two rows unchanged; POST /checkout's p99 a regression, then the quiet endpoints, as EndpointComparison orders them.</summary>
    internal static PerfFleet.Contracts.V1.Comparison EndpointRegression(int quietEndpoints)
    {
        var comparison = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Regression, BaselineCommit = "fedcba9", Pairs = 6 };
        comparison.Metrics.Add(new MetricComparison { Metric = "engine.p99_ms", Source = "engine", BaselineMedian = 11.5, TestMedian = 12.1, ChangePercent = 5.2, Pairs = 6, Verdict = Verdict.Unchanged });
        comparison.Metrics.Add(new MetricComparison { Metric = "engine.error_rate", Source = "engine", Pairs = 6, Verdict = Verdict.Unchanged });
        List<string> endpoints = ["POST /checkout", .. Enumerable.Range(0, quietEndpoints).Select(i => $"GET /page-{i}")];
        foreach (var endpoint in endpoints)
        {
            var slow = endpoint == "POST /checkout";
            comparison.Endpoints.Add(new MetricComparison { Endpoint = endpoint, Metric = "engine.p99_ms", Source = "engine", Better = Better.Lower, BaselineMedian = 40, TestMedian = slow ? 52 : 40, ChangePercent = slow ? 30 : 0, Pairs = 6, PValue = slow ? 0.0004 : 0.8, Verdict = slow ? Verdict.Regression : Verdict.Unchanged });
            comparison.Endpoints.Add(new MetricComparison { Endpoint = endpoint, Metric = "engine.achieved_rate", Source = "engine", Better = Better.Higher, BaselineMedian = 10, TestMedian = 10, Pairs = 6, Verdict = Verdict.Unchanged });
            comparison.Endpoints.Add(new MetricComparison { Endpoint = endpoint, Metric = "engine.error_rate", Source = "engine", Better = Better.Lower, Pairs = 6, Verdict = Verdict.Unchanged });
        }

        comparison.EndpointCorrection = $"{endpoints.Count} endpoints, a family of their own: Holm over {endpoints.Count * 3} metrics";
        return comparison;
    }
}
