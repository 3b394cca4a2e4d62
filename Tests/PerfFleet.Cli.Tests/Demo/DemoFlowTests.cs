using System.Diagnostics;
using PerfFleet.Cli.Demo;
using Spectre.Console;

namespace PerfFleet.Cli.Tests.Demo;

/// <summary>
/// The README's first command, end to end with real processes: embedded PostgreSQL, two
/// coordinators, two workers, a real git repository, signed webhooks, a baseline and a PR run of
/// the sample service with its own Prometheus, and the comparison.
/// </summary>
public sealed class DemoFlowTests : IDisposable
{
    private readonly string root = CreateRoot();

    [Fact]
    public async Task Demo_TwoCommits_DetectsTheRegressionAndLeavesNothingRunning()
    {
        var layout = DemoLayout.Locate() with
        {
            StateDirectory = Path.Combine(root, "state"),
            PostgresDirectory = Path.Combine(root, "postgres"),
        };
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 240;
        // A paired run, its confirmation and, on a noisy machine, their more-pairs follow-ups: about 10 minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));

        var exit = await new DemoRunner(console, layout).RunAsync(keep: false, timeout.Token);

        var text = output.ToString();
        Assert.True(exit == 0, "the demo did not find the regression:\n" + text);
        Assert.Contains("Regression detected", text, StringComparison.Ordinal);
        var latency = Row(text, "p99_latency_ms");
        var throughput = Row(text, "throughput_rps");
        Assert.Contains("regression", latency, StringComparison.Ordinal);
        Assert.Contains("unchanged", throughput, StringComparison.Ordinal);
        Assert.Empty(ProcessesUnder(root));
    }

    public void Dispose()
    {
        // The cluster files belong to the postgres user; the stopped server leaves nothing running.
        Directory.Delete(root, recursive: true);
    }

    // Temp subdirectories are 0700; the embedded PostgreSQL runs as the postgres user and must enter it.
    private static string CreateRoot()
    {
        var directory = Directory.CreateTempSubdirectory("perffleet-demo-test-");
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return directory.FullName;
    }

    // The comparison table's row: not the queries table above it, nor the metric's reason written under it.
    private static string Row(string text, string metric) =>
        text[Math.Max(0, text.IndexOf("Comparison with the baseline", StringComparison.Ordinal))..].Split('\n')
            .FirstOrDefault(l => l.TrimStart() is ['│' or '|', ..] && l.Contains(metric, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no comparison row for {metric}:\n{text}");

    /// <summary>Processes whose command line or working directory names the demo's directories.</summary>
    private static List<string> ProcessesUnder(string directory)
    {
        var found = new List<string>();
        foreach (var process in Process.GetProcesses())
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
                var cwd = new DirectoryInfo($"/proc/{process.Id}/cwd").LinkTarget ?? string.Empty;
                if (commandLine.Contains(directory, StringComparison.Ordinal) || cwd.StartsWith(directory, StringComparison.Ordinal))
                {
                    found.Add($"{process.Id}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
            finally
            {
                process.Dispose();
            }
        }

        return found;
    }
}
