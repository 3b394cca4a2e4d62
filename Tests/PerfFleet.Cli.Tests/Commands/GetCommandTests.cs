using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class GetCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Get_ComparedTest_ShowsLoadQueriesAndComparisonWithVerdicts()
    {
        var details = Seed.WithComparison(coordinator.State, Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("completed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("199.5", run.Stdout, StringComparison.Ordinal);          // achieved rate
        Assert.Contains("31.7", run.Stdout, StringComparison.Ordinal);           // p99
        Assert.Contains("http_p99", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Comparison with the baseline: regression", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+55", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("unchanged", run.Stdout, StringComparison.Ordinal);      // the engine metric's verdict
        Assert.Contains("baseline baseline-1 at bbbbbbbbbbbb", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RegressionWithFailOnRegression_ExitsRegression()
    {
        var details = Seed.WithComparison(coordinator.State, Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--fail-on-regression"));

        Assert.Equal(ExitCodes.Regression, run.ExitCode);
        Assert.Contains("regression", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RegressionWithoutTheFlag_ExitsOk()
    {
        var details = Seed.WithComparison(coordinator.State, Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Theory]
    [InlineData(Verdict.Unchanged)]
    [InlineData(Verdict.Improvement)]
    [InlineData(Verdict.NoBaseline)]
    public async Task Get_NoRegressionWithFailOnRegression_ExitsOk(Verdict verdict)
    {
        var details = Seed.WithComparison(coordinator.State, verdict);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--fail-on-regression"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Get_Json_ParsesBackIntoTheSameDetails()
    {
        var details = Seed.WithComparison(coordinator.State, Verdict.Improvement);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--output", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(details, JsonParser.Default.Parse<TestDetails>(run.Stdout));
    }

    [Fact]
    public async Task Get_UnknownId_ExitsNotFoundWithOneLine()
    {
        var run = await CliRun.RunAsync(coordinator.Args("get", "nope-123"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: test nope-123 does not exist", run.OneErrorLine());
    }

    [Fact]
    public async Task Get_MissingId_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("get"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}
