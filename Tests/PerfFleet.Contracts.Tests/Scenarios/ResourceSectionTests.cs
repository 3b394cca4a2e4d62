using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary>A scenario's <c>resources:</c> section, and how the worker writes it into the series it reports.</summary>
public sealed class ResourceSectionTests
{
    [Fact]
    public void Parse_WholeSection_ReadsThresholdsFloorsAndIgnoredContainers()
    {
        var yaml = ScenarioYaml.WithResources("cpu: {threshold: 25%, floor: 0.05}\nmemory: {threshold: 12.5, floor: 8}\nignore: [prometheus, cadvisor]");

        var resources = ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables).Select("api").Resources;

        Assert.Equal(new ScenarioResourceRule(25, 0.05), resources.Cpu);
        Assert.Equal(new ScenarioResourceRule(12.5, 8), resources.Memory);
        Assert.Equal(["prometheus", "cadvisor"], resources.Ignore);
    }

    [Fact]
    public void Parse_PartsLeftOut_LeaveThemToTheCoordinator()
    {
        var partial = ScenarioParser.Parse(ScenarioYaml.WithResources("cpu: {threshold: 30%}"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Resources;
        var none = ScenarioParser.Parse(ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nrate: 1\nduration: 1s"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Resources;
        var empty = ScenarioParser.Parse(ScenarioYaml.WithResources("{}"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Resources;

        Assert.Equal(new ScenarioResourceRule(30, null), partial.Cpu);
        Assert.Same(ScenarioResourceRule.Unset, partial.Memory);
        Assert.Empty(partial.Ignore);
        Assert.Same(ScenarioResources.Default, none);
        Assert.Equal((ScenarioResourceRule.Unset, ScenarioResourceRule.Unset), (empty.Cpu, empty.Memory));
    }

    [Fact]
    public void Annotate_WritesTheRulesIntoEverySeriesAndMarksIgnoredContainers()
    {
        var resources = new ScenarioResources(new ScenarioResourceRule(25, null), new ScenarioResourceRule(null, 16), ["prometheus"]);
        var sut = new ResourceSeries { Name = "sut" };
        var prometheus = new ResourceSeries { Name = "prometheus" };

        resources.Annotate([sut, prometheus]);

        Assert.True(sut.CpuRule.HasThresholdPercent);
        Assert.Equal(25, sut.CpuRule.ThresholdPercent);
        Assert.False(sut.CpuRule.HasFloor);
        Assert.False(sut.MemoryRule.HasThresholdPercent);
        Assert.Equal(16, sut.MemoryRule.Floor);
        Assert.False(sut.NotJudged);
        Assert.True(prometheus.NotJudged);
    }

    [Fact]
    public void Annotate_NoSection_LeavesTheSeriesWithoutRules()
    {
        var series = new ResourceSeries { Name = "sut" };

        ScenarioResources.Default.Annotate([series]);

        Assert.Null(series.CpuRule);
        Assert.Null(series.MemoryRule);
        Assert.False(series.NotJudged);
        Assert.Equal(new ResourceSeries { Name = "sut" }.CalculateSize(), series.CalculateSize()); // nothing extra on the wire
    }
}
