using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class NoisyRunsTests
{
    [Fact]
    public void Compare_BaselineWhoseGeneratorFellBehind_SaysSoInTheComparison()
    {
        var comparer = new RunComparer(Options.Create(new ComparisonOptions()), TimeProvider.System);

        var comparison = comparer.Compare(Run("test-1", late: 2), Run("baseline-1", late: 39));

        Assert.Equal("the load generator fell behind (a busy machine; latency and CPU figures are suspect): baseline baseline-1: 39 of 1800 requests (2.2 %) sent late", comparison.Noise);
    }

    [Fact]
    public void Compare_BothRunsOnSchedule_HasNoNoise()
    {
        var comparer = new RunComparer(Options.Create(new ComparisonOptions()), TimeProvider.System);

        Assert.Equal(string.Empty, comparer.Compare(Run("test-1", late: 18), Run("baseline-1", late: 0)).Noise);
    }

    [Fact]
    public void Describe_PairedRepetitionFellBehind_NamesItsPairAndRole()
    {
        var test = Run("test-1", late: 0) with
        {
            Repetitions = [new Repetition { Pair = 3, Role = RepetitionRole.Baseline, Summary = Summary(100) }, new Repetition { Pair = 3, Role = RepetitionRole.Test, Summary = Summary(0) }],
        };

        Assert.EndsWith("pair 3 baseline: 100 of 1800 requests (5.6 %) sent late", NoisyRuns.Describe(test, [], 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ManyRepetitionsFellBehind_SumsThemUpInOnePhrase()
    {
        var repetitions = Enumerable.Range(1, 10).Select(pair => new Repetition
        {
            Pair = pair,
            Role = RepetitionRole.Test,
            Summary = Behind(p99Ms: pair, late: pair == 4 ? 36 : 0),
        }).Append(new Repetition { Pair = 1, Role = RepetitionRole.Baseline, Summary = Summary(0) }).ToList();
        var test = Run("test-1", late: 0) with { Repetitions = repetitions };

        Assert.Equal(
            "the load generator fell behind (a busy machine; latency and CPU figures are suspect): 10 of 11 repetitions: "
                + "generator lateness p99 1\u201310 ms (limit 1 ms) in 10; more than 1 % of the requests sent late in 1 (at most 2 %)",
            NoisyRuns.Describe(test, [], 1));
    }

    [Fact]
    public void Describe_PacedRun_CountsTheGeneratorsLatenessAndItsP99Limit()
    {
        var backlog = Summary(late: 900);
        backlog.Total.GeneratorLateness = new Histogram { TotalCount = 1800, Percentiles = new LatencyPercentiles { P99Ms = 0.02 } };
        var behind = Summary(late: 0);
        behind.Total.GeneratorLateness = new Histogram { TotalCount = 1800, Percentiles = new LatencyPercentiles { P99Ms = 2.5 } };
        behind.GeneratorBehind = true;
        behind.GeneratorLatenessLimitMs = 1;

        // A backlog the slow target caused (late, but not by the generator) is no busy machine.
        Assert.Equal(string.Empty, NoisyRuns.Describe(new RunMeasurements("t", "c", [], backlog), [], 1));
        Assert.EndsWith("this run: generator lateness p99 2.5 ms over its 1 ms limit", NoisyRuns.Describe(new RunMeasurements("t", "c", [], behind), [], 1), StringComparison.Ordinal);
        Assert.True(NoisyRuns.IsNoisy(new RunMeasurements("t", "c", [], behind), 1));
    }

    [Fact]
    public void Comment_NoisyComparison_WarnsAboveTheTable()
    {
        var comment = ComparisonMarkdown.Comment("api", "0123456789", null, new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Regression, BaselineCommit = "abc", Noise = "the load generator fell behind" });

        Assert.True(comment.IndexOf("**Noisy measurement:** the load generator fell behind.", StringComparison.Ordinal) is > 0 and var warning
            && warning < comment.IndexOf("| metric |", StringComparison.Ordinal), comment);
    }

    [Fact]
    public void RunPageComparison_Noisy_WarnsBesideTheMethod()
    {
        var html = ComparisonTableRenderer.Render(new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Unchanged, Noise = "the load generator fell behind" }, null).Value;

        Assert.Contains("<strong class=\"noise\">Warning: the load generator fell behind.</strong>", html, StringComparison.Ordinal);
    }

    private static LoadSummary Behind(double p99Ms, long late)
    {
        var summary = Summary(late);
        summary.Total.GeneratorLateness = new Histogram { TotalCount = 1800, Percentiles = new LatencyPercentiles { P99Ms = p99Ms } };
        summary.Total.GeneratorLate = late; // paced runs count the generator's own lateness
        summary.GeneratorBehind = true;
        summary.GeneratorLatenessLimitMs = 1;
        return summary;
    }

    private static RunMeasurements Run(string id, long late) => new(id, "c-" + id, [], Summary(late));

    private static LoadSummary Summary(long late) => new() { RequestedRate = 60, Total = new LoadStats { Requests = 1800, Late = late, AchievedRate = 60 } };
}
