using System.Diagnostics;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Net;

namespace PerfFleet.Cli.Tests;

/// <summary>The built `perffleet` executable, started as a process: exit codes and streams as a shell sees them.</summary>
[Collection(CoordinatorCollection.Name)]
public sealed class ProcessTests(CoordinatorFixture coordinator)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Perffleet_GetRegressionWithFailOnRegression_ExitsRegression()
    {
        var details = await coordinator.Seed.WithComparisonAsync(Verdict.Regression);

        var (exitCode, stdout, stderr) = await RunAsync(coordinator.Args("get", details.Test.Id, "--fail-on-regression"));

        Assert.True(exitCode == ExitCodes.Regression, stdout + stderr);
        Assert.Contains("Comparison with the baseline: regression", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Perffleet_CoordinatorDown_ExitsUnavailableWithOneLineAndNoStackTrace()
    {
        var (exitCode, stdout, stderr) = await RunAsync("list", "--coordinator", $"http://127.0.0.1:{FreePort.Next()}", "--token", "t");

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: coordinator unavailable", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Perffleet_BadFlag_ExitsUsage()
    {
        var (exitCode, _, stderr) = await RunAsync("list", "--no-such-flag");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--no-such-flag", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PERFFLEET_COORDINATOR");
        start.Environment.Remove("PERFFLEET_TOKEN");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    // The CLI is built with the tests (project reference), in the same configuration.
    private static string ExecutablePath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(PerfFleet.Testing.TestPaths.RepositoryRoot, "Cli", "bin", configuration, "net10.0", "perffleet");
        Assert.True(File.Exists(path), "perffleet executable not found at " + path);
        return path;
    }
}
