using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>`perffleet compare` against the real coordinator: any two runs with results, its table, its exit codes.</summary>
[Collection(CoordinatorCollection.Name)]
public sealed class CompareCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Compare_SlowerRunAgainstFasterOne_ShowsTheRegressionRowByRow()
    {
        var faster = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var slower = await coordinator.Seed.CompletedAsync(31);

        var run = await CliRun.RunAsync(coordinator.Args("compare", slower.Id, faster.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"Run {slower.Id} against run {faster.Id}: regression", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("http_p99", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+55", run.Stdout, StringComparison.Ordinal); // 31 against 20
    }

    [Fact]
    public async Task Compare_TheOtherWayRound_IsAnImprovement()
    {
        var faster = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var slower = await coordinator.Seed.CompletedAsync(31);

        var run = await CliRun.RunAsync(coordinator.Args("compare", faster.Id, slower.Id, "--output", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("\"verdict\": \"VERDICT_IMPROVEMENT\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"baselineTestId\": \"{slower.Id}\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_RegressionWithFailOnRegression_ExitsRegression()
    {
        var faster = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var slower = await coordinator.Seed.CompletedAsync(31);

        var run = await CliRun.RunAsync(coordinator.Args("compare", slower.Id, faster.Id, "--fail-on-regression"));

        Assert.Equal(ExitCodes.Regression, run.ExitCode);
        Assert.Equal($"regression: run {slower.Id} is worse than run {faster.Id}", run.OneErrorLine());
    }

    [Fact]
    public async Task Compare_SameLevelsWithFailOnRegression_ExitsOk()
    {
        var first = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var second = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);

        var run = await CliRun.RunAsync(coordinator.Args("compare", second.Id, first.Id, "--fail-on-regression"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("unchanged", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_RunWithoutResults_ExitsFailedPreconditionSayingItsState()
    {
        var done = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var running = await coordinator.Seed.RunningAsync();

        var run = await CliRun.RunAsync(coordinator.Args("compare", running.Id, done.Id));

        Assert.Equal(ExitCodes.FailedPrecondition, run.ExitCode);
        Assert.Equal($"error: failed precondition: test {running.Id} has no results to compare (it is running)", run.OneErrorLine());
    }

    [Fact]
    public async Task Compare_UnknownRun_ExitsNotFoundNamingIt()
    {
        var done = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var unknown = Guid.NewGuid().ToString();

        var run = await CliRun.RunAsync(coordinator.Args("compare", done.Id, unknown));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal($"error: not found: no test with id {unknown}", run.OneErrorLine());
    }

    [Fact]
    public async Task Compare_MalformedSecondId_ExitsInvalidArgumentNamingTheField()
    {
        var done = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);

        var run = await CliRun.RunAsync(coordinator.Args("compare", done.Id, "yesterday"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.StartsWith("error: invalid argument: against_id: 'yesterday' is not a test id", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_MissingSecondId_IsAUsageError()
    {
        var run = await CliRun.RunAsync(coordinator.Args("compare", Guid.NewGuid().ToString()));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Compare_ReadOnlyToken_IsEnough()
    {
        var faster = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);
        var slower = await coordinator.Seed.CompletedAsync(31);

        var run = await CliRun.RunAsync("compare", slower.Id, faster.Id, "--coordinator", coordinator.Address, "--token", CoordinatorTestHost.ReadOnlyToken);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("regression", run.Stdout, StringComparison.Ordinal);
    }
}
