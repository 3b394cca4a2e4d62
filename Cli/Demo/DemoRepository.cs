using System.Diagnostics;

namespace PerfFleet.Cli.Demo;

/// <summary>
/// The repository under test: the sample service (service/) with its scenario file and perf/
/// folder, committed twice with real git — the second commit makes <c>GET /api/items</c> slower.
/// </summary>
public sealed class DemoRepository(string directory)
{
    public const string Branch = "master";
    public const string PullRequestBranch = "slower-items";

    /// <summary>The code change of the second commit: 40 ms more on every items listing.</summary>
    private const string DelayLine = "Read(configuration, \"SAMPLE_DELAY_MS_ITEMS\"),";
    private const string SlowerDelayLine = "Read(configuration, \"SAMPLE_DELAY_MS_ITEMS\") + TimeSpan.FromMilliseconds(40),";

    public string Directory => directory;

    public string CloneUrl => new Uri(directory).AbsoluteUri;

    /// <summary>Creates the repository; returns the baseline commit and the slower commit.</summary>
    public async Task<(string Baseline, string Slower)> CreateAsync(DemoLayout layout, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        CopyTree(layout.SampleRepository, directory);
        CopyTree(layout.SampleService, Path.Combine(directory, "service"));
        await GitAsync(cancellationToken, "init", "-q", "-b", Branch);
        await GitAsync(cancellationToken, "config", "user.email", "demo@perffleet.invalid");
        await GitAsync(cancellationToken, "config", "user.name", "PerfFleet demo");
        await GitAsync(cancellationToken, "add", "-A");
        await GitAsync(cancellationToken, "commit", "-q", "-m", "Sample service");
        var baseline = (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Trim();

        await GitAsync(cancellationToken, "checkout", "-q", "-b", PullRequestBranch);
        var delays = Path.Combine(directory, "service", "Api", "SampleDelays.cs");
        var source = await File.ReadAllTextAsync(delays, cancellationToken);
        if (!source.Contains(DelayLine, StringComparison.Ordinal))
        {
            throw new DemoException($"the sample service changed: {delays} no longer contains `{DelayLine}`, which the demo's second commit edits");
        }

        await File.WriteAllTextAsync(delays, source.Replace(DelayLine, SlowerDelayLine, StringComparison.Ordinal), cancellationToken);
        await GitAsync(cancellationToken, "commit", "-q", "-am", "List items with 40 ms more latency");
        var slower = (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Trim();
        await GitAsync(cancellationToken, "checkout", "-q", Branch);
        return (baseline, slower);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" or ".perffleet")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new DemoException("git could not be started: install git");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DemoException($"git {string.Join(' ', arguments)} failed: {(await error).Trim()}");
        }

        return await output;
    }
}
