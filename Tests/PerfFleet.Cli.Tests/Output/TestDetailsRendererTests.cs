using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Output;

public sealed class TestDetailsRendererTests
{
    [Fact]
    public void WriteComparison_BaselineWithoutCommit_NamesNoEmptyCommit()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-16880b454f27", Alpha = 0.01, Verdict = Verdict.Unchanged });

        Assert.Contains("baseline local-16880b454f27, alpha 0.01", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_BaselineWithCommit_NamesItsShortCommit()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-1", BaselineCommit = "0123456789abcdef0123", Alpha = 0.01 });

        Assert.Contains("baseline local-1 at 0123456789ab, alpha 0.01", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CapacitySearch_PrintsTheKneeAndEachProbe()
    {
        var summary = new LoadSummary
        {
            Total = new LoadStats { Requests = 100 },
            Capacity = new CapacitySearch
            {
                KneeRps = 950,
                Reason = "950 requests/s met the SLO, 990 did not",
                Probes =
                {
                    new CapacityProbe { Rate = 500, AchievedRate = 500, P99Ms = 3, Passed = true },
                    new CapacityProbe { Rate = 990, AchievedRate = 900, P99Ms = 70, Passed = false, Reason = "achieved 900 of 990 requests/s" },
                },
            },
        };
        using var output = new StringWriter();

        TestDetailsRenderer.Write(ConsoleFactory.Create(output, interactive: false), new TestDetails { Test = new LoadTest { Id = "t-1" }, Summary = summary });

        var text = output.ToString();
        Assert.Contains("capacity: 950 requests/s; 950 requests/s met the SLO, 990 did not", text, StringComparison.Ordinal);
        Assert.Contains("meets the SLO", text, StringComparison.Ordinal);
        Assert.Contains("achieved 900 of 990 requests/s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_MirroredTargetsAlone_ShowOnlyTheirVerdict()
    {
        var comparison = new Contracts.V1.Comparison { Verdict = Verdict.NoBaseline, TargetReference = "http://127.0.0.1:8081", TargetVerdict = Verdict.Regression, TargetMethod = "one run: each target's single values against http://127.0.0.1:8081's" };
        comparison.Targets.Add(new MetricComparison { Target = "http://127.0.0.1:8082", Metric = "engine.p99_ms", Source = "engine", BaselineMedian = 9.54, TestMedian = 12.04, ChangePercent = 26.26, Verdict = Verdict.Regression });

        var text = Render(comparison);

        Assert.Contains("Targets against http://127.0.0.1:8081: regression", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8082 engine.p99_ms", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no_baseline", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_NoBaselineRow_ShowsDashesNotNaN()
    {
        var comparison = new Contracts.V1.Comparison { Verdict = Verdict.NoBaseline };
        comparison.Metrics.Add(new MetricComparison { Metric = "engine.p99_ms", Source = "engine", BaselineMedian = double.NaN, TestMedian = double.NaN, ChangePercent = double.NaN, PValue = double.NaN, Verdict = Verdict.NoBaseline });

        Assert.DoesNotContain("NaN", Render(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_Endpoints_TheirOwnTableUnderTheRunsWorstFirst()
    {
        var comparison = new Contracts.V1.Comparison { BaselineCommit = "fedcba9", Verdict = Verdict.Regression, EndpointCorrection = "2 endpoints, a family of their own: Holm over 2 metrics" };
        comparison.Metrics.Add(new MetricComparison { Metric = "engine.p99_ms", Source = "engine", Verdict = Verdict.Unchanged });
        comparison.Endpoints.Add(new MetricComparison { Endpoint = "POST /checkout", Metric = "engine.p99_ms", Source = "engine", ChangePercent = 30, Verdict = Verdict.Regression, Message = "6 pairs, +30 %" });
        comparison.Endpoints.Add(new MetricComparison { Endpoint = "GET /home", Metric = "engine.p99_ms", Source = "engine", Verdict = Verdict.Unchanged });

        var text = Render(comparison);

        var title = text.IndexOf("Endpoints", StringComparison.Ordinal);
        Assert.True(title > text.IndexOf("engine.p99_ms", StringComparison.Ordinal), text);
        Assert.Contains("2 endpoints, a family of their own", text, StringComparison.Ordinal);
        var checkout = text.IndexOf("POST /checkout engine.p99_ms", title, StringComparison.Ordinal);
        Assert.True(checkout > title && checkout < text.IndexOf("GET /home engine.p99_ms", StringComparison.Ordinal), text);
        Assert.Contains("  POST /checkout engine.p99_ms (engine): 6 pairs, +30 %", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_ThresholdOnlyRow_ShowsNoPValueAndItsReasonUnderTheTable()
    {
        var comparison = new Contracts.V1.Comparison { BaselineTestId = "local-1" };
        comparison.Metrics.Add(new MetricComparison { Metric = "engine.p99_ms", Source = "engine", PValue = double.NaN, BaselineMedian = 10, TestMedian = 12, ChangePercent = 20, Verdict = Verdict.Regression, Message = "one value per run, +20 % (threshold only: no interval or test is possible)" });
        comparison.Metrics.Add(new MetricComparison { Metric = "p99_ms", Source = "query", PValue = 0.00001, Verdict = Verdict.Unchanged });

        var text = Render(comparison);

        var lines = text.Split('\n');
        var engineRow = Assert.Single(lines, l => l.Contains("engine.p99_ms", StringComparison.Ordinal) && l.Contains("regression", StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.Contains(" - ", engineRow, StringComparison.Ordinal);
        Assert.Contains("<0.0001", Assert.Single(lines, l => l.Contains("unchanged", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("  engine.p99_ms (engine): one value per run, +20 % (threshold only", text, StringComparison.Ordinal);
        Assert.DoesNotContain("threshold only", engineRow, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_Noisy_WarnsInWords()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-1", Noise = "the load generator fell behind (a busy machine)" });

        Assert.Contains("warning: the load generator fell behind (a busy machine)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StagedLoadStoppedByARule_ShowsEachStageAndWhyItEnded()
    {
        var summary = new LoadSummary { RequestedRate = 300, Total = new LoadStats { Requests = 900 }, StopReason = "stop_when: error rate 12% > 5% (120 of 1000 requests in the last 10s)" };
        summary.Stages.Add(new LoadStageStats { Index = 0, Rate = 100, Shape = "step", StartSeconds = 0, RanSeconds = 5, RequestedRate = 100, Stats = new LoadStats { Requests = 500, Errors = 0, AchievedRate = 100 } });
        summary.Stages.Add(new LoadStageStats { Index = 1, Rate = 777, Shape = "ramp", StartSeconds = 5, RanSeconds = 1.5, RequestedRate = 438.5, Stats = new LoadStats { Requests = 400, Errors = 120, AchievedRate = 266.7 } });
        using var writer = new StringWriter();

        TestDetailsRenderer.Write(ConsoleFactory.Create(writer, interactive: false), new TestDetails { Test = new LoadTest { Id = "t-1" }, Summary = summary });

        var text = writer.ToString();
        var stageRows = text.Split('\n').Where(l => l.Contains("step", StringComparison.Ordinal) || l.Contains("ramp", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stageRows.Count);
        Assert.Contains("777", stageRows[1], StringComparison.Ordinal);
        Assert.Contains("438.5", stageRows[1], StringComparison.Ordinal);
        Assert.Contains("120", stageRows[1], StringComparison.Ordinal);
        Assert.Contains("the load ended early: stop_when: error rate 12% > 5%", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ConstantRateRunToItsEnd_ShowsNoStagesNorStopReason()
    {
        using var writer = new StringWriter();

        TestDetailsRenderer.Write(ConsoleFactory.Create(writer, interactive: false), new TestDetails { Test = new LoadTest { Id = "t-1" }, Summary = new LoadSummary { Total = new LoadStats { Requests = 10 } } });

        Assert.DoesNotContain("shape", writer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ended early", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_QueryWithAFloor_ShowsItBesideTheThreshold()
    {
        var details = new TestDetails { Test = new LoadTest { Id = "t-1" } };
        details.Queries.Add(new QueryResult { Name = "error_ratio", Better = Better.Lower, ThresholdPercent = 10, Floor = 0.001 });
        details.Queries.Add(new QueryResult { Name = "p99_ms", Better = Better.Lower, ThresholdPercent = 5 });
        using var writer = new StringWriter();

        TestDetailsRenderer.Write(ConsoleFactory.Create(writer, interactive: false), details);

        var rows = writer.ToString().Split('\n');
        Assert.Contains("floor", rows.Single(l => l.Contains("threshold %", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("±0.001", rows.Single(l => l.Contains("error_ratio", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("±", rows.Single(l => l.Contains("p99_ms", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static string Render(Contracts.V1.Comparison comparison)
    {
        using var writer = new StringWriter();
        TestDetailsRenderer.WriteComparison(ConsoleFactory.Create(writer, interactive: false), "Comparison", comparison);
        return writer.ToString();
    }
}
