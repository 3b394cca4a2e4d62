using System.Diagnostics;
using System.Text.Json;

namespace PerfFleet.Testing.Interop;

/// <summary>
/// Runs a Node.js script of interop checks (an independent gRPC peer such as @grpc/grpc-js) that
/// prints one JSON line per check, <c>{"check","ok","detail"}</c>, and collects them.
/// </summary>
public sealed class NodeChecks
{
    /// <summary>The interop tests' node_modules (@grpc/grpc-js, @grpc/proto-loader), installed by ./build.sh --target=TestTools.</summary>
    public static string Modules => Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Contracts.Tests", "Interop", "node_modules");

    public Dictionary<string, NodeCheckResult> Results { get; } = [];

    /// <summary>Everything the script wrote, stdout then stderr, for failure messages.</summary>
    public string Output { get; private set; } = "";

    public static async Task<NodeChecks> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!Directory.Exists(Path.Combine(Modules, "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException($"@grpc/grpc-js is not installed in {Modules}: run `npm ci` in its directory (./build.sh --target=TestTools does it).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A script outside the interop directory finds the packages there.
        start.Environment["NODE_PATH"] = Modules;
        using var node = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {script}: Node.js 18 or later must be on PATH.");
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = node.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = node.StandardError.ReadToEndAsync(cancel.Token);
        await node.WaitForExitAsync(cancel.Token);
        var run = new NodeChecks { Output = await stdout + await stderr };
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            run.Results[root.GetProperty("check").GetString()!] = new NodeCheckResult(root.GetProperty("ok").GetBoolean(), root.GetProperty("detail").GetString() ?? "");
        }

        return run;
    }
}
