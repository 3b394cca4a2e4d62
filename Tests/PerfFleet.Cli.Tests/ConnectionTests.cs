using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Testing.Net;

namespace PerfFleet.Cli.Tests;

[Collection(CoordinatorCollection.Name)]
public sealed class ConnectionTests(CoordinatorFixture coordinator)
{
    // One command line per remote command, split on spaces.
    public static TheoryData<string> EveryRemoteCommand => new()
    {
        "schedule --repo acme/shop",
        "update t-1 --rate 5",
        "stop t-1",
        "list",
        "get t-1",
        "watch t-1",
        "workers",
        "rerun t-1",
        "history --repo a/b --scenario s --query q",
        "compare t-1 t-2",
        "repos list",
        "repos remove a/b",
        "repos register a/b --clone-url file:///x",
    };

    [Theory]
    [MemberData(nameof(EveryRemoteCommand))]
    public async Task AnyCommand_CoordinatorDown_ExitsUnavailableWithOneLine(string commandLine)
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";

        var run = await CliRun.RunAsync([.. commandLine.Split(' '), "--coordinator", nobody, "--token", "x"]);

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.StartsWith($"error: coordinator unavailable at {nobody}/", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryRemoteCommand))]
    public async Task AnyCommand_WrongToken_ExitsUnauthenticated(string commandLine)
    {
        var run = await CliRun.RunAsync([.. commandLine.Split(' '), "--coordinator", coordinator.Address, "--token", "wrong"]);

        Assert.Equal(ExitCodes.Unauthenticated, run.ExitCode);
        Assert.Equal("error: unauthenticated: the admin token is not valid (check --token or PERFFLEET_TOKEN)", run.OneErrorLine());
    }

    [Fact]
    public async Task List_NoToken_ExitsUnauthenticated()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _ => null, TimeProvider.System, InteractiveTerminal: false);

        var run = await CliRun.RunAsync(environment, "list", "--coordinator", coordinator.Address);

        Assert.Equal(ExitCodes.Unauthenticated, run.ExitCode);
        Assert.Equal("error: unauthenticated: missing 'authorization: Bearer <token>' metadata (check --token or PERFFLEET_TOKEN)", run.OneErrorLine());
    }

    [Fact]
    public async Task Get_AddressAndTokenFromEnvironment_AreUsed()
    {
        var test = await coordinator.Seed.ScheduledAsync();
        var variables = new Dictionary<string, string>
        {
            ["PERFFLEET_COORDINATOR"] = coordinator.Address,
            ["PERFFLEET_TOKEN"] = CoordinatorFixture.AdminToken,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, variables.GetValueOrDefault, TimeProvider.System, InteractiveTerminal: false);

        var run = await CliRun.RunAsync(environment, "get", test.Id);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(test.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FlagsAndEnvironment_FlagsWin()
    {
        var test = await coordinator.Seed.ScheduledAsync();
        var variables = new Dictionary<string, string>
        {
            ["PERFFLEET_COORDINATOR"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["PERFFLEET_TOKEN"] = "wrong",
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, variables.GetValueOrDefault, TimeProvider.System, InteractiveTerminal: false);

        var run = await CliRun.RunAsync(environment, coordinator.Args("get", test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:21")]
    public async Task List_CoordinatorNotHttp_ExitsUsage(string address)
    {
        var run = await CliRun.RunAsync("list", "--coordinator", address);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--coordinator", run.OneErrorLine(), StringComparison.Ordinal);
    }
}
