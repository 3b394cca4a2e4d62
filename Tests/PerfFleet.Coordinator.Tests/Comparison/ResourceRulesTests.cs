using PerfFleet.Comparison;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using static PerfFleet.Coordinator.Tests.Comparison.ResourceComparerTests;
using static PerfFleet.Coordinator.Tests.Comparison.ResourceRuns;

namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>The scenario's <c>resources:</c> section, carried in the test run's series, decides how its containers are judged.</summary>
public sealed class ResourceRulesTests
{
    [Fact]
    public void Compare_ScenarioCpuThreshold_OverridesTheOptionsForThatRunOnly()
    {
        // +20 % CPU, clearly significant: a regression past the default 10 %; the scenario's 40 %
        // holds the whole interval (about +13 % to +27 %), so unchanged there.
        var baseline = Run("baseline", Container("api", Around(31, 1.0, 0.02), Around(32, 100 * MiB, 0.5 * MiB)));
        var plain = Run("test", Container("api", Around(33, 1.2, 0.02), Around(34, 100 * MiB, 0.5 * MiB)));
        var ruled = Run("test", Annotated(new ScenarioResources(new ScenarioResourceRule(40, null), ScenarioResourceRule.Unset, []),
            Container("api", Around(33, 1.2, 0.02), Around(34, 100 * MiB, 0.5 * MiB))));

        var byOptions = Row(Comparer().Compare(plain, baseline), "api.cpu_cores");
        var byScenario = Row(Comparer().Compare(ruled, baseline), "api.cpu_cores");

        Assert.Equal((Verdict.Regression, 10.0), (byOptions.Verdict, byOptions.ThresholdPercent));
        Assert.Equal((Verdict.Unchanged, 40.0), (byScenario.Verdict, byScenario.ThresholdPercent));
        Assert.Contains("inside +/- 40 %", byScenario.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ScenarioMemoryFloor_KeepsASmallGrowthUnchangedAndKeepsTheOptionsThreshold()
    {
        // +6 MiB (+6 %) with a 5 % threshold from the options: past it, but under the scenario's 16 MiB floor.
        var options = new ComparisonOptions { WindowRunSpreadPercent = 2, Resources = { MemoryThresholdPercent = 5 } };
        var baseline = Run("baseline", Container("api", Around(35, 0.5, 0.01), Around(36, 100 * MiB, 0.2 * MiB)));
        var test = Run("test", Annotated(new ScenarioResources(ScenarioResourceRule.Unset, new ScenarioResourceRule(null, 16), []),
            Container("api", Around(37, 0.5, 0.01), Around(38, 106 * MiB, 0.2 * MiB))));

        var memory = Row(Comparer(options).Compare(test, baseline), "api.memory_mib");

        Assert.Equal(Verdict.Unchanged, memory.Verdict);
        Assert.Equal(5, memory.ThresholdPercent);
        Assert.Contains("floor", memory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_IgnoredContainer_GetsNoRowEvenWhenItDoubles()
    {
        var baseline = Run("baseline",
            Container("api", Around(39, 0.5, 0.01), Around(40, 100 * MiB, MiB)),
            Container("prometheus", Around(41, 0.1, 0.01), Around(42, 50 * MiB, MiB)));
        var test = Run("test", Annotated(new ScenarioResources(ScenarioResourceRule.Unset, ScenarioResourceRule.Unset, ["prometheus"]),
            Container("api", Around(43, 0.5, 0.01), Around(44, 100 * MiB, MiB)),
            Container("prometheus", Around(45, 0.4, 0.01), Around(46, 200 * MiB, MiB))));

        var comparison = Comparer().Compare(test, baseline);

        Assert.Equal(["api.cpu_cores", "api.memory_mib"], comparison.Metrics.Select(m => m.Metric));
        Assert.Equal(Verdict.Unchanged, comparison.Verdict);
    }

    [Fact]
    public void Compare_BaselineContainerIgnoredThere_IsNotListedAsGone()
    {
        var baseline = Run("baseline", Annotated(new ScenarioResources(ScenarioResourceRule.Unset, ScenarioResourceRule.Unset, ["sidecar"]),
            Container("api", Around(47, 0.5, 0.01), Around(48, 100 * MiB, MiB)),
            Container("sidecar", Around(49, 0.1, 0.01), Around(50, 20 * MiB, MiB))));
        var test = Run("test", Container("api", Around(51, 0.5, 0.01), Around(52, 100 * MiB, MiB)));

        var comparison = Comparer().Compare(test, baseline);

        Assert.DoesNotContain(comparison.Metrics, m => m.Metric.StartsWith("sidecar.", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_RuleInASecondSeriesOfOneContainer_IsKeptWhenPooled()
    {
        // A worker restarting its probe reports the container twice; here only the second series
        // carries the rule, and pooling must still find it.
        var rules = new ScenarioResources(new ScenarioResourceRule(40, null), ScenarioResourceRule.Unset, []);
        var baseline = Run("baseline", Container("api", Around(53, 1.0, 0.02), Around(54, 100 * MiB, MiB)));
        var test = Run("test",
            Container("api", Around(55, 1.3, 0.02, count: 20), Around(56, 100 * MiB, MiB, count: 20)),
            Annotated(rules, Container("api", Around(57, 1.3, 0.02, count: 20), Around(58, 100 * MiB, MiB, count: 20)))[0]);

        var cpu = Row(Comparer().Compare(test, baseline), "api.cpu_cores");

        Assert.Equal((Verdict.Unchanged, 40.0, 40), (cpu.Verdict, cpu.ThresholdPercent, cpu.TestSamples));
    }

    private static ResourceSeries[] Annotated(ScenarioResources rules, params ResourceSeries[] series)
    {
        rules.Annotate(series);
        return series;
    }
}
