using Google.Protobuf.WellKnownTypes;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>The run page's parts that decide something: GitHub links, the form token, the resource charts, the comparison rows.</summary>
public sealed class RunPagePartsTests
{
    [Theory]
    [InlineData("https://github.com/acme/shop.git", "https://github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop", "https://github.com/acme/shop")]
    [InlineData("https://x-access-token@github.com/acme/shop.git", "https://github.com/acme/shop")]
    [InlineData("git@github.com:acme/shop.git", "https://github.com/acme/shop")]
    [InlineData("ssh://git@github.com/acme/shop.git", "https://github.com/acme/shop")]
    [InlineData("https://git.example.invalid/acme/shop.git", null)]
    [InlineData("https://github.com.evil.example/acme/shop.git", null)]
    [InlineData("https://github.com/acme/shop/extra", null)]
    [InlineData("https://github.com/acme/\"onmouseover=alert(1)", null)]
    [InlineData("/srv/git/shop", null)]
    [InlineData("", null)]
    public void RepositoryUrl_OfCloneUrl_IsTheGitHubPageOnlyForGitHub(string cloneUrl, string? expected)
    {
        Assert.Equal(expected, GitHubLinks.RepositoryUrl(cloneUrl));
    }

    [Fact]
    public void FormToken_OfOneSession_MatchesOnlyThatSession()
    {
        var token = SessionFormTokens.For("1790000000.session-a");

        Assert.True(SessionFormTokens.Matches("1790000000.session-a", token));
        Assert.False(SessionFormTokens.Matches("1790000000.session-b", token));
        Assert.False(SessionFormTokens.Matches("1790000000.session-a", token[..^1]));
        Assert.False(SessionFormTokens.Matches("1790000000.session-a", ""));
        Assert.False(SessionFormTokens.Matches("1790000000.session-a", null));
        Assert.False(SessionFormTokens.Matches("1790000000.session-a", new string('A', 10_000)));
    }

    [Fact]
    public void Build_WithMoreContainersThanColours_ChartsTheBusiestAndKeepsAllInTheTable()
    {
        var containers = Enumerable.Range(1, 8).Select(i => Container($"c{i}", cores: i / 10.0, mebibytes: 10 * i)).ToList();

        var usage = ResourceUsageBuilder.Build(containers, []);

        Assert.Equal(2, usage.HiddenContainers);
        Assert.Equal(["c8", "c7", "c6", "c5", "c4", "c3"], usage.Cpu.Series.Select(s => s.Name));
        Assert.Equal(16, usage.Rows.Count);
        Assert.All(usage.Rows, row => Assert.Null(row.BaselineMedian));
        Assert.Equal(80, usage.Rows.Single(r => r.Container == "c8" && r.Resource == "memory").Peak, precision: 6);
    }

    [Fact]
    public void Build_ContainerWithOneReading_HasMemoryButNoCpuRow()
    {
        var single = new ResourceSeries { Name = "init" };
        single.MemoryBytes.Add(new Sample { Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), Value = 5 * 1024 * 1024 });

        var usage = ResourceUsageBuilder.Build([single], []);

        var row = Assert.Single(usage.Rows);
        Assert.Equal(("init", "memory", 5.0), (row.Container, row.Resource, row.Median));
    }

    [Fact]
    public void Render_IgnoredContainer_IsChartedAndMarkedNotJudged()
    {
        var sut = Container("sut", cores: 0.5, mebibytes: 100);
        var prometheus = Container("prometheus", cores: 0.1, mebibytes: 50);
        prometheus.NotJudged = true;

        var usage = ResourceUsageBuilder.Build([sut, prometheus], []);
        var html = ResourceUsageRenderer.Render(usage, finished: true, judgedInComparison: true).Value;

        Assert.Contains("prometheus", usage.Cpu.Series.Select(s => s.Name));
        Assert.All(usage.Rows, row => Assert.Equal(row.Container == "prometheus", row.NotJudged));
        Assert.Contains("<tr data-container=\"prometheus\" data-resource=\"cpu\" data-judged=\"false\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-container=\"sut\" data-resource=\"cpu\" data-judged=\"true\">", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("not judged (resources.ignore)").Length - 1); // its CPU and memory rows
    }

    [Fact]
    public void Render_NoSamples_SaysSoForFinishedAndForMovingRuns()
    {
        var empty = ResourceUsageBuilder.Build([], []);

        Assert.False(empty.HasSamples);
        Assert.Contains("No CPU or memory samples were recorded for this run", ResourceUsageRenderer.Render(empty, finished: true, judgedInComparison: false).Value, StringComparison.Ordinal);
        Assert.Contains("No CPU or memory samples yet", ResourceUsageRenderer.Render(empty, finished: false, judgedInComparison: false).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ComparisonWithResourceMetric_ShowsItAfterQueriesWithItsVerdict()
    {
        var comparison = new Contracts.V1.Comparison { Alpha = 0.05 };
        comparison.Metrics.Add(new MetricComparison { Metric = "sut.memory_mib", Source = MetricSpec.ResourceSource, Verdict = Verdict.Regression, ChangePercent = 30 });
        comparison.Metrics.Add(new MetricComparison { Metric = "p99_latency_ms", Source = "query", Verdict = Verdict.Unchanged });

        var html = ComparisonTableRenderer.Render(comparison, baseline: null).Value;

        var resourceRow = html.IndexOf("data-metric=\"sut.memory_mib\" data-source=\"resource\"", StringComparison.Ordinal);
        var queryRow = html.IndexOf("data-metric=\"p99_latency_ms\"", StringComparison.Ordinal);
        Assert.True(queryRow >= 0, "the query row is drawn");
        Assert.True(resourceRow > queryRow, "resource rows come after the queries");
        Assert.Contains("badge verdict-regression", html[resourceRow..], StringComparison.Ordinal);
    }

    [Fact]
    public void LoadSummary_StagedLoadStoppedByARule_ShowsEachStageAndWhyItEnded()
    {
        var summary = new LoadSummary { RequestedRate = 300, Total = new LoadStats { Requests = 900 }, StopReason = "stop_when: error rate 12% > 5%" };
        summary.Stages.Add(new LoadStageStats { Index = 0, Rate = 100, Shape = "step", RanSeconds = 5, RequestedRate = 100, Stats = new LoadStats { Requests = 500, AchievedRate = 100 } });
        summary.Stages.Add(new LoadStageStats { Index = 1, Rate = 777, Shape = "ramp", StartSeconds = 5, RanSeconds = 1.5, RequestedRate = 438.5, Stats = new LoadStats { Requests = 400, Errors = 120 } });

        var html = LoadSummaryRenderer.Render(summary).Value;
        var plain = LoadSummaryRenderer.Render(new LoadSummary { Total = new LoadStats { Requests = 10 } }).Value;

        Assert.Contains("The load ended early: stop_when: error rate 12% &gt; 5%.", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<tr><td>", StringSplitOptions.None).Count(r => r.Contains("step</td>", StringComparison.Ordinal) || r.Contains("ramp</td>", StringComparison.Ordinal)));
        Assert.Contains("<td class=\"num\">777</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Stages</h3>", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("ended early", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadSummary_CapacitySearch_ShowsTheKneeTheCurveAndEveryProbe()
    {
        var html = LoadSummaryRenderer.Render(Comparison.CapacityComparisonTests.Searched(1000)).Value;

        Assert.Contains("Highest rate that met the SLO (p99 ≤ 50 ms): <strong>1,000 requests/s</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<tr class=\"probe-passed\">").Length - 1);
        Assert.Contains("<tr class=\"probe-failed\"><td>3</td><td class=\"num\">1,040</td>", html, StringComparison.Ordinal);
        Assert.Contains("p99 400 ms &gt; 50 ms", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndpointRegression_OpensTheEndpointsTableWorstFirst()
    {
        var html = ComparisonTableRenderer.Render(Reporting.ComparisonMarkdownTests.EndpointRegression(quietEndpoints: 2), baseline: null).Value;

        Assert.Contains("<details class=\"endpoints\" open>", html, StringComparison.Ordinal);
        Assert.Contains("Endpoints: 3 judged, 1 with something other than unchanged", html, StringComparison.Ordinal);
        Assert.Contains("3 endpoints, a family of their own: Holm over 9 metrics", html, StringComparison.Ordinal);
        var checkout = html.IndexOf("data-endpoint=\"POST /checkout\"", StringComparison.Ordinal);
        Assert.True(checkout > 0 && checkout < html.IndexOf("data-endpoint=\"GET /page-0\"", StringComparison.Ordinal), html);
        Assert.Contains("<td>POST /checkout engine.p99_ms <small>(engine)</small>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MirroredTargets_ShowTheirVerdictAgainstTheReference()
    {
        var html = ComparisonTableRenderer.Render(Reporting.ComparisonMarkdownTests.Duet(), baseline: null).Value;

        Assert.Contains("<h3 class=\"targets\">Targets against <code>http://127.0.0.1:8081</code>:", html, StringComparison.Ordinal);
        Assert.Contains("data-target=\"http://127.0.0.1:8082\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>http://127.0.0.1:8082 engine.p99_ms <small>(engine)</small>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndpointsAllUnchanged_FoldsThem()
    {
        var comparison = Reporting.ComparisonMarkdownTests.EndpointRegression(quietEndpoints: 1);
        comparison.Endpoints[0].Verdict = Verdict.Unchanged;

        var html = ComparisonTableRenderer.Render(comparison, baseline: null).Value;

        Assert.Contains("<details class=\"endpoints\">", html, StringComparison.Ordinal);
        Assert.Contains("2 judged, 0 with something other than unchanged", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PairedRunWithoutABaselineRun_NamesTheBaselineCommitMeasuredInTheRun()
    {
        var paired = new Contracts.V1.Comparison { Alpha = 0.01, BaselineCommit = "e5b32c26c99eb2f2cc292e3a64aa88444c26f541", Method = "20 interleaved pairs" };
        var none = new Contracts.V1.Comparison { Alpha = 0.01 };

        var html = ComparisonTableRenderer.Render(paired, baseline: null).Value;

        Assert.Contains("Compared with baseline commit <code>e5b32c26c9</code>, measured in this run", html, StringComparison.Ordinal);
        Assert.Contains("20 interleaved pairs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No baseline", html, StringComparison.Ordinal);
        Assert.Contains("No baseline to compare with.", ComparisonTableRenderer.Render(none, baseline: null).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryPanel_CoarseHistogramBuckets_WarnsBesideTheChart()
    {
        var coarse = new QueryResult { Name = "p99_latency_ms", Promql = "histogram_quantile(0.99, sum by (le) (rate(http_seconds_bucket[10s])))", ThresholdPercent = 10 };
        coarse.Series.Add(new Series { Samples = { new Sample { Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), Value = 0.3 } } });
        var fine = coarse.Clone();
        coarse.BucketBounds.AddRange([0.1, 0.25, 0.5, 1]);
        fine.BucketBounds.AddRange([0.26, 0.28, 0.3, 0.32]);

        var warned = RunDetailsRenderer.QueryPanelMarkup(QueryChartBuilder.Build(coarse, null, "test", null)).Value;
        var quiet = RunDetailsRenderer.QueryPanelMarkup(QueryChartBuilder.Build(fine, null, "test", null)).Value;

        Assert.Contains("<p class=\"bucket-warning\">Coarse buckets: p99_latency_ms: the buckets around the measured 0.3 are 0.25 .. 0.5", warned, StringComparison.Ordinal);
        Assert.DoesNotContain("bucket-warning", quiet, StringComparison.Ordinal);
    }

    private static ResourceSeries Container(string name, double cores, double mebibytes)
    {
        var series = new ResourceSeries { Name = name };
        for (var i = 0; i < 5; i++)
        {
            var at = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(i));
            series.CpuCores.Add(new Sample { Time = at, Value = cores });
            series.MemoryBytes.Add(new Sample { Time = at, Value = mebibytes * 1024 * 1024 });
        }

        return series;
    }
}
