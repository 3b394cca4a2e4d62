using PerfFleet.Runs.Processes;
using PerfFleet.Testing;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// Builds the images of deploy/compose.local-images.yml in a Docker daemon the way a user on a
/// registry-less host does (deploy/local-images.sh), from the coordinator and worker these tests
/// were built with: `dotnet publish --no-build` of that build into a temp directory.
/// </summary>
public static class LocalImages
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Debug or Release: the configuration these tests (and so Coordinator and Worker) were built with.</summary>
    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static async Task BuildAsync(string dockerHost, string publishDirectory, CancellationToken cancellationToken)
    {
        foreach (var (project, name) in new[] { ("Coordinator/PerfFleet.Coordinator.csproj", "coordinator"), ("Worker/PerfFleet.Worker.csproj", "worker") })
        {
            await RunAsync(
                "dotnet",
                ["publish", Path.Combine(TestPaths.RepositoryRoot, project), "-c", BuildConfiguration, "--no-build", "--nologo", "-v", "quiet", "-o", Path.Combine(publishDirectory, name)],
                null,
                cancellationToken);
        }

        var script = Path.Combine(TestPaths.RepositoryRoot, "deploy", "local-images.sh");
        await RunAsync("bash", [script, "--published", publishDirectory], new Dictionary<string, string> { ["DOCKER_HOST"] = dockerHost }, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, new ProcessRunOptions(TestPaths.RepositoryRoot, environment, PublishTimeout), cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed (exit {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        }
    }
}
