using PerfFleet.Contracts.Scenarios;
using PerfFleet.Testing;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class SampleScenarioFileTests
{
    [Fact]
    public void ParseFile_SampleRepository_DefinesTheLocalAndComposeScenarios()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "samples", "sample-repo", ".perffleet.yml");

        var file = ScenarioParser.ParseFile(path, ".perffleet.yml", ScenarioYaml.Variables);

        var local = file.Select("api");
        Assert.Equal(["sut", "prometheus"], local.Stack.Local.Select(s => s.Name));
        Assert.Contains("127.0.0.1:40002", local.Stack.Local[1].Run, StringComparison.Ordinal);
        Assert.Equal(["p99_latency_ms", "throughput_rps"], local.Queries.Select(q => q.Name));
        Assert.Equal(25, local.Resources.Cpu.ThresholdPercent);
        Assert.Equal(["prometheus"], local.Resources.Ignore);
        Assert.Equal("perf/docker-compose.yml", file.Select("api-compose").Stack.Compose);
    }
}
