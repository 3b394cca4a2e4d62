using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class ReposCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task ReposRegister_WithSecrets_StoresThemButNeverPrintsThem()
    {
        var name = "acme/" + Guid.NewGuid().ToString("N");

        var run = await CliRun.RunAsync(coordinator.Args(
            "repos", "register", name, "--clone-url", "file:///srv/git/shop.git", "--scenario", "checkout", "--scenario", "search",
            "--webhook-secret", "s3cret-hook", "--github-token", "ghp-secret", "--run-drafts"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var stored = Assert.Single((await coordinator.Host.Repositories.ListAsync(new(), CoordinatorFixture.Admin)).Repositories, r => r.Name == name);
        Assert.Equal(["checkout", "search"], stored.Scenarios);
        Assert.True(stored.HasWebhookSecret && stored.HasGithubToken && stored.RunDrafts);
        Assert.Contains("checkout, search", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-hook", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp-secret", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposListAndRemove_RegisteredRepository_IsListedThenGone()
    {
        var name = "acme/" + Guid.NewGuid().ToString("N");
        await CliRun.RunAsync(coordinator.Args("repos", "register", name, "--clone-url", "https://example.invalid/acme/shop.git"));

        var listed = await CliRun.RunAsync(coordinator.Args("repos", "list", "-o", "json"));
        var removed = await CliRun.RunAsync(coordinator.Args("repos", "remove", name));
        var after = await CliRun.RunAsync(coordinator.Args("repos", "list"));

        Assert.Contains(JsonParser.Default.Parse<ListRepositoriesResponse>(listed.Stdout).Repositories, r => r.Name == name);
        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
        Assert.Equal($"removed {name}", removed.Stdout.Trim());
        Assert.DoesNotContain(name, after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReposRemove_UnknownRepository_ExitsNotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("repos", "remove", "acme/never-registered"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: no repository named acme/never-registered is registered", run.OneErrorLine());
    }

    [Fact]
    public async Task ReposRegister_NameWithoutOwner_ExitsInvalidArgumentNamingTheField()
    {
        var run = await CliRun.RunAsync(coordinator.Args("repos", "register", "shop", "--clone-url", "file:///srv/shop.git"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.Equal("error: invalid argument: name: 'shop' is not of the form owner/name", run.OneErrorLine());
    }

    [Fact]
    public async Task ReposRegister_WithoutCloneUrl_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("repos", "register", "acme/shop"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--clone-url", run.Stderr, StringComparison.Ordinal);
    }
}
