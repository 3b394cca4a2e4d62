using PerfFleet.Runs.Processes;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// A git repository with the two smallest scenarios a worker can run: `smoke` starts Python's
/// HTTP server with the `local` stack driver (from the host's /usr, mounted in the worker's
/// container); `smoke-compose` starts it in a compose stack through the Docker socket mounted
/// into the worker, serving the checkout's site/ through a relative bind mount, which only
/// resolves when the work directory has the same path inside and outside the worker's container.
/// The load engine sends 20 requests/s for a few seconds.
/// </summary>
public static class SmokeRepository
{
    public const string Name = "perffleet/compose-smoke";

    public const string LocalScenario = "smoke";

    public const string ComposeScenario = "smoke-compose";

    private const string Load = """
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: 1s
              duration: 3s
              rate: 20
              timeout: 2s
        """;

    private const string ScenarioFile = """
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
        """ + "\n" + Load + "\n" + """
          smoke-compose:
            stack:
              compose: perf/compose.yml
              ports: [sut]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/index.html
              ready_timeout: 60s
        """ + "\n" + Load + "\n";

    /// <summary>The stack of smoke-compose: the image deploy/local-images.sh builds, the host's /usr.</summary>
    private const string StackFile = """
        version: "2.4"
        services:
          sut:
            image: perffleet-hostbase:local
            network_mode: host
            working_dir: /site
            volumes: ["/usr:/usr:ro", "../site:/site:ro"]
            command: ["python3", "-m", "http.server", "${PERFFLEET_PORT_SUT}", "--bind", "127.0.0.1"]
        """;

    /// <summary>Creates the repository in <paramref name="directory"/> (a bare-servable work tree) and returns its head commit.</summary>
    public static async Task<string> CreateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, ".perffleet.yml"), ScenarioFile);
        Directory.CreateDirectory(Path.Combine(directory, "perf"));
        Directory.CreateDirectory(Path.Combine(directory, "site"));
        await File.WriteAllTextAsync(Path.Combine(directory, "perf", "compose.yml"), StackFile);
        await File.WriteAllTextAsync(Path.Combine(directory, "site", "index.html"), "<p>PerfFleet compose smoke test</p>\n");
        await GitAsync(directory, "init", "--quiet", "--initial-branch=master");
        await GitAsync(directory, "add", "-A");
        await GitAsync(directory, "-c", "user.name=PerfFleet Tests", "-c", "user.email=tests@perffleet.invalid", "commit", "--quiet", "-m", "smoke scenarios");
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
