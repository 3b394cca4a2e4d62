using System.Diagnostics;
using PerfFleet.Testing;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Runs the @grpc/grpc-js scripts in Tests/PerfFleet.Contracts.Tests/Interop with the node found on PATH.</summary>
internal static class NodeInterop
{
    public static string InteropDirectory => Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Contracts.Tests", "Interop");

    /// <summary>A node process running one script, with stdout/stderr captured; fails clearly when node or node_modules is missing.</summary>
    public static Process Start(string script, params string[] arguments)
    {
        var node = FindNode();
        var grpcJs = Path.Combine(InteropDirectory, "node_modules", "@grpc", "grpc-js");
        if (!Directory.Exists(grpcJs))
        {
            throw new InvalidOperationException($"@grpc/grpc-js is not installed in {InteropDirectory}: run `npm ci` there (./build.sh --target=TestTools does it).");
        }

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node} {script}.");
    }

    private static string FindNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"node was not found on PATH ({path}); the gRPC interop tests need Node.js 18 or later.");
    }
}
