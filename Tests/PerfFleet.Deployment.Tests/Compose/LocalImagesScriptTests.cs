using PerfFleet.Runs.Processes;
using PerfFleet.Testing;
using PerfFleet.Testing.Docker;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>deploy/local-images.sh given what it cannot work with: each failure says what is wrong.</summary>
[Collection(ComposeCollection.Name)]
public sealed class LocalImagesScriptTests(DockerDaemonFixture docker)
{
    [Fact]
    public async Task Script_NoDaemonAtDockerHost_FailsNamingTheAddress()
    {
        var result = await RunScriptAsync("unix:///nonexistent/perffleet/docker.sock");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no Docker daemon answers at unix:///nonexistent/perffleet/docker.sock", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_UnknownArgument_FailsNamingIt()
    {
        var result = await RunScriptAsync(docker.DockerHost, "--registry", "example.com");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown argument: --registry", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_PublishedDirectoryWithoutTheApps_FailsNamingTheMissingDll()
    {
        var empty = Directory.CreateTempSubdirectory("perffleet-not-published-");
        try
        {
            var result = await RunScriptAsync(docker.DockerHost, "--published", empty.FullName);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{empty.FullName}/coordinator/perffleet-coordinator.dll not found", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static Task<ProcessResult> RunScriptAsync(string dockerHost, params string[] arguments) =>
        ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(TestPaths.RepositoryRoot, "deploy", "local-images.sh"), .. arguments],
            new ProcessRunOptions(TestPaths.RepositoryRoot, new Dictionary<string, string> { ["DOCKER_HOST"] = dockerHost }, TimeSpan.FromMinutes(1)),
            CancellationToken.None);
}
