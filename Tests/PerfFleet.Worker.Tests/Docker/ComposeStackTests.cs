using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Processes;
using PerfFleet.Runs.Stacks.Compose;
using PerfFleet.Testing.Docker;
using PerfFleet.Worker.Tests.Pipeline;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Docker;

[Collection(DockerCollection.Name)]
public sealed class ComposeStackTests(DockerDaemonFixture docker) : IDisposable
{
    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task RunAsync_ComposeStack_CompletesWithQueriesAndContainerResourcesAndLeavesNoProject()
    {
        using var repository = await CreateRepositoryAsync(ComposeFiles.SampleAndPrometheus(), ComposeFiles.Scenario());
        var load = new HttpLoopLoadStep(TimeSpan.FromSeconds(1.5));

        var result = await _fixture.Create(load, docker.DockerHost).RunAsync(await Request("c-ok", repository), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        var items = Assert.Single(result.Queries);
        Assert.Equal(string.Empty, items.Error);
        Assert.Equal(load.Sent, Assert.Single(items.Series).Samples[^1].Value);
        var sut = Assert.Single(result.Resources, r => r.Name == "sut");
        Assert.True(sut.MemoryBytes[^1].Value > 10_000_000, "the .NET service in its container uses more than 10 MB");
        Assert.NotEmpty(sut.CpuCores);
        Assert.Empty(await docker.PerfFleetContainersAsync());
    }

    [Fact]
    public async Task RunAsync_StopMidRun_EndsStoppedAndLeavesNoProject()
    {
        using var repository = await CreateRepositoryAsync(ComposeFiles.SampleAndPrometheus(), ComposeFiles.Scenario());
        using var stop = new CancellationTokenSource();
        var progress = new Progress<RunProgress>(p =>
        {
            if (p.Phase == RunPhase.Measuring)
            {
                stop.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        });

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1)), docker.DockerHost).RunAsync(await Request("c-stop", repository), progress, stop.Token);

        Assert.Equal(TestStatus.Stopped, result.Status);
        Assert.Empty(await docker.PerfFleetContainersAsync());
    }

    [Fact]
    public async Task RunAsync_StackThatCannotStart_FailsWithComposesReasonAndLeavesNoProject()
    {
        var compose = ComposeFiles.SampleAndPrometheus("\n  broken:\n    image: perffleet/absent:none\n    network_mode: host\n");
        using var repository = await CreateRepositoryAsync(compose, ComposeFiles.Scenario());

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1)), docker.DockerHost).RunAsync(await Request("c-broken", repository), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("the compose stack did not start (docker-compose up)", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await docker.PerfFleetContainersAsync());
    }

    [Fact]
    public async Task RunAsync_LoadGeneratorExitsNonZero_FailsNamingItsExitCode()
    {
        using var repository = await CreateRepositoryAsync(ComposeFiles.SampleAndPrometheus(ComposeFiles.FailingLoadGenerator), ComposeFiles.Scenario("load_generator: loadgen"));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1)), docker.DockerHost).RunAsync(await Request("c-loadgen", repository), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("the load generator service \"loadgen\" exited with code 3", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await docker.PerfFleetContainersAsync());
    }

    [Fact]
    public async Task RemoveLeftoversAsync_AfterAWorkerDied_RemovesOnlyPerfFleetProjects()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("docker-compose.yml");
        await File.WriteAllTextAsync(file, $$"""
            version: "2.4"
            services:
              idle:
                image: {{DockerDaemonFixture.Image}}
                network_mode: host
                volumes: ["/usr:/usr:ro"]
                command: ["/usr/bin/sleep", "300"]
            """);
        var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = docker.DockerHost };
        foreach (var project in new[] { "pf-died-1", "other-project" })
        {
            var up = await ProcessRunner.RunAsync("docker-compose", ["-p", project, "-f", file, "up", "-d"], new ProcessRunOptions(directory.Path, environment, TimeSpan.FromMinutes(2)), CancellationToken.None);
            Assert.True(up.Succeeded, up.StandardError);
        }

        var cli = new ComposeCli(Options.Create(new ComposeOptions { DockerHost = docker.DockerHost }));
        var cleaner = new ComposeProjectCleaner(cli, NullLogger<ComposeProjectCleaner>.Instance);

        var removed = await cleaner.RemoveLeftoversAsync(CancellationToken.None);

        Assert.Equal(["pf-died-1"], removed);
        Assert.Empty(await docker.PerfFleetContainersAsync());
        var others = await docker.DockerAsync("ps", "-aq", "--filter", "label=com.docker.compose.project=other-project");
        Assert.NotEmpty(others.StandardOutput.Trim());
        await cleaner.RemoveProjectAsync("other-project", CancellationToken.None);
    }

    private static async Task<GitTestRepository> CreateRepositoryAsync(string compose, string scenario)
    {
        var repository = await GitTestRepository.CreateAsync();
        await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/docker-compose.yml", compose), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        return repository;
    }

    private static async Task<RunRequest> Request(string id, GitTestRepository repository)
    {
        var head = (await repository.GitAsync("rev-parse", "HEAD")).Trim();
        return new RunRequest(id, 1, new LoadTestSpec { Repository = "owner/sample", CloneUrl = repository.FileUrl, Commit = head, Scenario = "api" });
    }

    public void Dispose() => _fixture.Dispose();
}
