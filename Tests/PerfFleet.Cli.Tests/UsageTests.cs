namespace PerfFleet.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData("list", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("list", "--output", "yaml")]
    [InlineData("schedule", "--rate", "fast")]
    [InlineData("update", "t-1", "--duration", "soon")]
    [InlineData("repos")]
    public async Task Run_BadFlags_ExitsUsageWithErrorsOnStderr(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Run_NoCommand_ExitsUsage()
    {
        var run = await CliRun.RunAsync();

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Help_Root_ListsCommandsAndEveryExitCode()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "schedule", "update", "stop", "list", "get", "watch", "workers", "rerun", "history", "repos", "payload" })
        {
            Assert.Contains("  " + command, run.Stdout, StringComparison.Ordinal);
        }

        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            Assert.Contains($"{code,3}  {meaning}", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_Subcommand_ShowsItsOptions()
    {
        var run = await CliRun.RunAsync("get", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--fail-on-regression", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodes_Documented_AreDistinct()
    {
        Assert.Equal(ExitCodes.Documented.Count, ExitCodes.Documented.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public async Task ExitCodes_ReadmeTable_MatchesTheCode()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(PerfFleet.Testing.TestPaths.RepositoryRoot, "Cli", "README.md"));

        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            Assert.Contains($"| {code} | {meaning} |", readme, StringComparison.Ordinal);
        }
    }
}
