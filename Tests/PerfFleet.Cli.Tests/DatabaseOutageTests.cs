using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Cli.Tests;

/// <summary>A coordinator that runs while its PostgreSQL is stopped: the CLI exits 10 (UNAVAILABLE, worth retrying), not 1.</summary>
public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("schedule --repo acme/shop --commit 0123456789abcdef0123456789abcdef01234567")]
    [InlineData("workers")]
    public async Task Command_CoordinatorDatabaseStopped_ExitsUnavailableWithOneLine(string commandLine)
    {
        await using var postgres = await PrivatePostgresServer.StartAsync();
        await using var host = await CoordinatorTestHost.StartAsync(postgres.ConnectionString);
        await postgres.StopAsync();

        var run = await CliRun.RunAsync([.. commandLine.Split(' '), "--coordinator", host.GrpcAddress, "--token", CoordinatorTestHost.AdminToken]);

        Assert.True(run.ExitCode == ExitCodes.Unavailable, run.ToString());
        Assert.Contains("database is unreachable", run.OneErrorLine(), StringComparison.Ordinal);
    }
}
