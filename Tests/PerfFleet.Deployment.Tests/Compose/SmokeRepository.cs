using PerfFleet.Worker.Processes;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// A git repository with the smallest scenario a worker can run without Docker: the `local`
/// stack driver starts Python's HTTP server (from the host's /usr, mounted in the worker's
/// container) and the load engine sends it 20 requests/s for a few seconds.
/// </summary>
public static class SmokeRepository
{
    public const string Name = "perffleet/compose-smoke";

    public const string Scenario = "smoke";

    public const string ScenarioFile = """
        version: 1
        scenarios:
          smoke:
            stack:
              local:
                - name: sut
                  run: exec python3 -m http.server ${PERFFLEET_PORT_SUT} --bind 127.0.0.1
              ports: [sut]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/
              ready_timeout: 60s
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: 1s
              duration: 3s
              rate: 20
              timeout: 2s
        """;

    /// <summary>Creates the repository in <paramref name="directory"/> (a bare-servable work tree) and returns its head commit.</summary>
    public static async Task<string> CreateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, ".perffleet.yml"), ScenarioFile);
        await File.WriteAllTextAsync(Path.Combine(directory, "index.html"), "<p>PerfFleet compose smoke test</p>\n");
        await GitAsync(directory, "init", "--quiet", "--initial-branch=master");
        await GitAsync(directory, "add", "-A");
        await GitAsync(directory, "-c", "user.name=PerfFleet Tests", "-c", "user.email=tests@perffleet.invalid", "commit", "--quiet", "-m", "smoke scenario");
        return (await GitAsync(directory, "rev-parse", "HEAD")).Trim();
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, new ProcessRunOptions(directory, null, TimeSpan.FromMinutes(1)), CancellationToken.None);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.StandardError}");
    }
}
