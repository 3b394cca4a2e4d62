using PerfFleet.Runs.Stacks;

namespace PerfFleet.Worker.Tests.Stacks;

public sealed class StackVariablesTests
{
    [Fact]
    public void Build_ExportsPortsCommitRepositoryAndRunId()
    {
        var variables = StackVariables.Build(new Dictionary<string, int> { ["sut"] = 4000, ["Prom_2"] = 4001 }, "c0ffee", "o/r", "t-1");

        Assert.Equal("4000", variables["PERFFLEET_PORT_SUT"]);
        Assert.Equal("4001", variables["PERFFLEET_PORT_PROM_2"]);
        Assert.Equal("c0ffee", variables["PERFFLEET_COMMIT"]);
        Assert.Equal("o/r", variables["PERFFLEET_REPOSITORY"]);
        Assert.Equal("t-1", variables["PERFFLEET_RUN_ID"]);
    }
}
