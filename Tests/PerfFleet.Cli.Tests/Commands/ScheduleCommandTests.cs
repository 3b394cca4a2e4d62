using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class ScheduleCommandTests(CoordinatorFixture coordinator)
{
    private static readonly string Commit = new('c', 40);

    [Fact]
    public async Task Schedule_RepoAndCommit_StoresSpecAndPrintsScheduledTest()
    {
        var run = await CliRun.RunAsync(coordinator.Args(
            "schedule", "--repo", CoordinatorFixture.RegisteredRepository, "--commit", Commit, "--scenario", "checkout",
            "--rate", "250", "--duration", "1m30s", "--priority", "7", "--tag", "cli-schedule"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("scheduled", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1m30s", run.Stdout, StringComparison.Ordinal);
        var stored = await StoredSpecAsync(run.Stdout);
        Assert.Equal(
            (CoordinatorFixture.RegisteredRepository, Commit, "checkout", 250d, 90d, 7, "cli-schedule", TestKind.Test),
            (stored.Repository, stored.Commit, stored.Scenario, stored.Rate, stored.Duration.ToTimeSpan().TotalSeconds, stored.Priority, stored.Tag, stored.Kind));
        Assert.Equal("https://git.example.invalid/acme/shop.git", stored.CloneUrl); // from the registration
    }

    [Fact]
    public async Task Schedule_InlineSpecFile_StoresFileContentAsAdhocTest()
    {
        var file = Path.GetTempFileName();
        var content = InlineScenarios.Minimal;
        await File.WriteAllTextAsync(file, content);
        try
        {
            var run = await CliRun.RunAsync(coordinator.Args("schedule", "--spec", file, "--output", "json"));

            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            var printed = JsonParser.Default.Parse<LoadTest>(run.Stdout);
            Assert.Equal(TestStatus.Scheduled, printed.Status);
            Assert.Equal(content, printed.Spec.InlineSpec);
            var stored = (await coordinator.Seed.GetAsync(printed.Id)).Spec;
            Assert.Equal((TestKind.Adhoc, content), (stored.Kind, stored.InlineSpec));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Schedule_InlineSpecTheCoordinatorCannotParse_ExitsInvalidArgumentNamingTheField()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "scenarios: [not, a, map]\n");
        try
        {
            var run = await CliRun.RunAsync(coordinator.Args("schedule", "--spec", file));

            Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
            Assert.StartsWith("error: invalid argument: spec.inline_spec: ", run.OneErrorLine(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Schedule_ExplicitKind_IsStored()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", CoordinatorFixture.RegisteredRepository, "--commit", Commit, "--kind", "baseline"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(TestKind.Baseline, (await StoredSpecAsync(run.Stdout)).Kind);
    }

    [Fact]
    public async Task Schedule_ShortCommit_ExitsInvalidArgumentNamingTheField()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", CoordinatorFixture.RegisteredRepository, "--commit", "abc123"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Equal("error: invalid argument: spec.commit: 'abc123' is not a commit SHA (7 to 64 hex digits)", run.OneErrorLine());
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Schedule_UnregisteredRepositoryWithoutCloneUrl_ExitsInvalidArgumentSayingHowToRegister()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", "acme/never-registered", "--commit", Commit));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Equal(
            "error: invalid argument: spec.clone_url: repository acme/never-registered is not registered: register it (perffleet repos register) or give a clone URL",
            run.OneErrorLine());
    }

    [Fact]
    public async Task Schedule_RateAboveTheQuota_ExitsResourceExhausted()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", CoordinatorFixture.RegisteredRepository, "--commit", Commit, "--rate", "50000"));

        Assert.Equal(ExitCodes.ResourceExhausted, run.ExitCode);
        Assert.Equal("error: resource exhausted: spec.rate 50000/s is above the limit of 10000/s (PerfFleet:Quotas:MaxRate)", run.OneErrorLine());
    }

    [Fact]
    public async Task Schedule_MissingSpecFile_ExitsInputErrorNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N") + ".yml");

        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--spec", missing));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(missing, run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_NeitherRepoNorSpec_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--rate", "10"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--repo", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_UnknownKind_ExitsUsageListingTheChoices()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", "acme/shop", "--kind", "nightly"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'nightly' is not one of: baseline, test, adhoc", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The spec the coordinator stored for the test a table-printing `schedule` printed.</summary>
    private async Task<LoadTestSpec> StoredSpecAsync(string stdout)
    {
        var listed = await coordinator.Host.LoadTests.ListAsync(new ListTestsRequest { Repository = CoordinatorFixture.RegisteredRepository, PageSize = 500 }, CoordinatorFixture.Admin);
        return Assert.Single(listed.Tests, t => stdout.Contains(t.Id, StringComparison.Ordinal)).Spec;
    }
}
