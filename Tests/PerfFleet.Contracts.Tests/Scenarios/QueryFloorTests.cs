using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary>A query's <c>floor:</c>: the least absolute change, in the query's units, that counts.</summary>
public sealed class QueryFloorTests
{
    [Fact]
    public void Parse_QueryWithFloor_KeepsItBesideTheThreshold()
    {
        var yaml = ScenarioYaml.WithQueries("error_ratio: {promql: x, better: lower, threshold: 10%, floor: 0.001}\np99: {promql: y, better: lower, threshold: 3%}");

        var queries = ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables).Scenarios["api"].Queries;

        Assert.Equal((10.0, 0.001), (queries[0].ThresholdPercent, queries[0].Floor));
        Assert.Equal((3.0, 0.0), (queries[1].ThresholdPercent, queries[1].Floor));
    }
}
