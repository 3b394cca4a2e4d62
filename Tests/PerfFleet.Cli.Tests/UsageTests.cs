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

    [Fact]
    public async Task Readme_CommandsTable_ListsEveryCommandWithEachOfItsFlags()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(PerfFleet.Testing.TestPaths.RepositoryRoot, "Cli", "README.md"));
        var rows = readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var root = CliApplication.BuildCommands(CliEnvironment.ForProcess());

        foreach (var (path, command) in Leaves(root, string.Empty))
        {
            var documented = string.Join('\n', rows.Where(r => r.StartsWith($"| `{path}", StringComparison.Ordinal) || r.Contains($", `{path}", StringComparison.Ordinal)));
            Assert.False(documented.Length == 0, $"Cli/README.md has no row for `{path}`");
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help"))
            {
                Assert.True(documented.Contains(option.Name, StringComparison.Ordinal), $"Cli/README.md does not name {option.Name} of `{path}`");
            }
        }
    }

    [Fact]
    public void ExitCodes_TestFailed_NamesRunAsWellAsWatch()
    {
        var meaning = Assert.Single(ExitCodes.Documented, c => c.Code == ExitCodes.TestFailed).Meaning;

        Assert.Contains("watch", meaning, StringComparison.Ordinal);
        Assert.Contains("run", meaning, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Leaves(System.CommandLine.Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Subcommands.Count == 0)
            {
                yield return (path, sub);
            }
            else
            {
                foreach (var leaf in Leaves(sub, path))
                {
                    yield return leaf;
                }
            }
        }
    }
}
