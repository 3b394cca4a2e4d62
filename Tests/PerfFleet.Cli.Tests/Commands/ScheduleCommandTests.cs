using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class ScheduleCommandTests(CoordinatorFixture coordinator)
{
    private static readonly string Commit = new('c', 40);

    [Fact]
    public async Task Schedule_RepoAndCommit_SendsSpecAndPrintsScheduledTest()
    {
        var tag = "tag-" + Guid.NewGuid().ToString("N");
        var run = await CliRun.RunAsync(coordinator.Args(
            "schedule", "--repo", "acme/shop", "--commit", Commit, "--scenario", "checkout",
            "--rate", "250", "--duration", "00:01:30", "--priority", "7", "--tag", tag));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var sent = Assert.Single(coordinator.State.Scheduled, r => r.Spec.Tag == tag).Spec;
        Assert.Equal(("acme/shop", Commit, "checkout", 250d, 90d, 7, TestKind.Test), (sent.Repository, sent.Commit, sent.Scenario, sent.Rate, sent.Duration.ToTimeSpan().TotalSeconds, sent.Priority, sent.Kind));
        Assert.Contains("scheduled", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1m30s", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_InlineSpecFile_SendsFileContentAsAdhocTest()
    {
        var file = Path.GetTempFileName();
        var content = "scenarios:\n  smoke-" + Guid.NewGuid().ToString("N") + ":\n    load: {rate: 10}\n";
        await File.WriteAllTextAsync(file, content);
        try
        {
            var run = await CliRun.RunAsync(coordinator.Args("schedule", "--spec", file, "--output", "json"));

            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            var sent = Assert.Single(coordinator.State.Scheduled, r => r.Spec.InlineSpec == content).Spec;
            Assert.Equal(TestKind.Adhoc, sent.Kind);
            var printed = JsonParser.Default.Parse<LoadTest>(run.Stdout);
            Assert.Equal(TestStatus.Scheduled, printed.Status);
            Assert.Equal(content, printed.Spec.InlineSpec);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Schedule_ExplicitKind_IsSent()
    {
        var tag = "kind-" + Guid.NewGuid().ToString("N");
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", "acme/shop", "--commit", Commit, "--kind", "baseline", "--tag", tag));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(TestKind.Baseline, Assert.Single(coordinator.State.Scheduled, r => r.Spec.Tag == tag).Spec.Kind);
    }

    [Fact]
    public async Task Schedule_ShortCommit_ExitsInvalidArgumentNamingTheField()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", "acme/shop", "--commit", "abc123"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Equal("error: invalid argument: spec.commit: must be a full 40-character lower-case SHA", run.OneErrorLine());
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Schedule_RateAboveFleetCapacity_ExitsResourceExhausted()
    {
        var run = await CliRun.RunAsync(coordinator.Args("schedule", "--repo", "acme/shop", "--commit", Commit, "--rate", "50000"));

        Assert.Equal(ExitCodes.ResourceExhausted, run.ExitCode);
        Assert.StartsWith("error: resource exhausted: spec.rate", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_ReadOnlyToken_ExitsPermissionDenied()
    {
        var run = await CliRun.RunAsync(
            "schedule", "--repo", "acme/shop", "--commit", Commit, "--coordinator", coordinator.Address, "--token", CoordinatorFixture.ReadOnlyToken);

        Assert.Equal(ExitCodes.PermissionDenied, run.ExitCode);
        Assert.Equal("error: permission denied: this token may only read", run.OneErrorLine());
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
}
