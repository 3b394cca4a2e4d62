using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Stacks;
using PerfFleet.Testing.Net;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Pipeline;

public sealed class RunPipelineTests : IDisposable
{
    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task RunAsync_LocalStackWithPrometheus_CompletesWithQueriesResourcesAndNothingLeft()
    {
        using var repository = await GitTestRepository.CreateAsync();
        // The scenario's resources section travels with the series it describes.
        var scenario = PipelineFixture.SampleScenario() + "\n    resources: {cpu: {threshold: 25%}, ignore: [prometheus]}";
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        var load = new HttpLoopLoadStep(idleTail: TimeSpan.FromSeconds(1.5));
        var request = Request("t-ok", repository.FileUrl, commit);

        var result = await _fixture.Create(load).RunAsync(request, _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        Assert.Same(result, Assert.Single(_fixture.Sink.Results));
        Assert.Equal(
            [RunPhase.FetchingSource, RunPhase.ReadingScenario, RunPhase.StartingStack, RunPhase.WarmingUp, RunPhase.Measuring, RunPhase.Querying, RunPhase.TearingDown, RunPhase.Reporting],
            _fixture.Phases);
        var items = Assert.Single(result.Queries, q => q.Name == "items");
        Assert.Equal(string.Empty, items.Error);
        Assert.Equal(load.Sent, Assert.Single(items.Series).Samples[^1].Value);
        Assert.StartsWith("bad_data:", Assert.Single(result.Queries, q => q.Name == "broken").Error, StringComparison.Ordinal);
        Assert.Contains(result.Resources, r => r.Name == "sut" && r.MemoryBytes.Count >= 2 && r.CpuRule.ThresholdPercent == 25 && !r.CpuRule.HasFloor && r.MemoryRule is null && !r.NotJudged);
        Assert.Contains(result.Resources, r => r.Name == "prometheus" && r.NotJudged);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-ok"));
        Assert.False(Directory.Exists(Path.Combine(_fixture.RunsDirectory, "t-ok-1")));
    }

    [Fact]
    public async Task RunAsync_StopDuringLoad_EndsStoppedAndKillsTheStack()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", PipelineFixture.SampleScenario()), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        using var stop = new CancellationTokenSource();
        var progress = new StopOnPhase(RunPhase.Measuring, stop);

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1))).RunAsync(Request("t-stop", repository.FileUrl, commit), progress, stop.Token);

        Assert.Equal(TestStatus.Stopped, result.Status);
        Assert.Contains("stopped during", result.Reason, StringComparison.Ordinal);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-stop"));
    }

    [Fact]
    public async Task RunAsync_LoadFails_EndsFailedWithTheReasonAndNothingLeft()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", PipelineFixture.SampleScenario()), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        var load = new HttpLoopLoadStep(TimeSpan.FromSeconds(1)) { FailWith = new RunFailedException(RunPhase.Measuring, "every request to the target failed") };

        var result = await _fixture.Create(load).RunAsync(Request("t-loadfail", repository.FileUrl, commit), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.StartsWith("every request to the target failed; the service logs are kept in ", result.Reason, StringComparison.Ordinal);
        Assert.Contains(RunPhase.TearingDown, _fixture.Phases);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-loadfail"));
    }

    [Fact]
    public async Task RunAsync_ReadinessTimeout_FailsNamingTheUrlAndNothingLeft()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario(readyTimeout: "1s").Replace("/healthz", "/never-there", StringComparison.Ordinal);
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1))).RunAsync(Request("t-ready", repository.FileUrl, commit), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("not ready within 1s", result.Reason, StringComparison.Ordinal);
        Assert.Contains("/never-there", result.Reason, StringComparison.Ordinal);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-ready"));
    }

    [Fact]
    public async Task RunAsync_PrometheusDown_CompletesWithEachQueryInError()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario(prometheusUrl: $"http://127.0.0.1:{FreePort.Next()}");
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1))).RunAsync(Request("t-promdown", repository.FileUrl, commit), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Completed, result.Status);
        Assert.All(result.Queries, q => Assert.Contains("is not reachable", q.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MalformedScenario_FailsWithFileLineAndField()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("perf", (".perffleet.yml", "version: 1\nscenarios:\n  api:\n    stack: {local: [{name: s, run: x}]}\n    load: {targets: [http://127.0.0.1:1], duration: 1s, rate: -3}\n"));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.Zero)).RunAsync(Request("t-bad", repository.FileUrl, commit), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains(".perffleet.yml:5:", result.Reason, StringComparison.Ordinal);
        Assert.Contains("scenarios.api.load.rate: must be more than 0", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(RunPhase.StartingStack, _fixture.Phases);
    }

    [Fact]
    public async Task RunAsync_NoScenarioFile_FailsSayingSo()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("code only", ("README.md", "hello"));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.Zero)).RunAsync(Request("t-nofile", repository.FileUrl, commit), _fixture.Progress, CancellationToken.None);

        Assert.Contains("has no .perffleet.yml at this commit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommit_FailsNamingIt()
    {
        using var repository = await GitTestRepository.CreateAsync();
        await repository.CommitAsync("first", ("a", "b"));

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.Zero)).RunAsync(
            Request("t-commit", repository.FileUrl, "feedfacefeedfacefeedfacefeedfacefeedface"), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("commit feedfacefeedfacefeedfacefeedfacefeedface is not in", result.Reason, StringComparison.Ordinal);
        Assert.Single(_fixture.Sink.Results);
    }

    [Fact]
    public async Task RunAsync_ComposeStackWithoutDaemon_FailsWithComposesReason()
    {
        var spec = new LoadTestSpec
        {
            InlineSpec = "version: 1\nscenarios:\n  c:\n    stack: {compose: docker-compose.yml}\n    load: {targets: [http://127.0.0.1:1], duration: 1s, rate: 1}\n",
        };

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.Zero)).RunAsync(new RunRequest("t-compose", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("the compose file docker-compose.yml is not in the repository", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InlineSpecWithOverrides_PassesThemToTheLoadStep()
    {
        var scenario = PipelineFixture.SampleScenario().Replace("perf/prometheus.yml", "/dev/null", StringComparison.Ordinal);
        var load = new HttpLoopLoadStep(TimeSpan.FromSeconds(0.5));
        var spec = new LoadTestSpec { InlineSpec = scenario, Rate = 7, Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)), Tag = "adhoc" };

        var result = await _fixture.Create(load).RunAsync(new RunRequest("t-inline", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Completed, result.Status);
        Assert.Equal(new LoadOverrides(7, TimeSpan.FromSeconds(1), "adhoc"), load.Overrides);
    }

    [Theory]
    [InlineData(0, "scenario 'api' asks for up to 20 requests/s, more than this worker's capacity of 10/s (PerfFleet:Worker:Capacity:RequestRate)")]
    [InlineData(15, "the test asks for up to 15 requests/s, more than this worker's capacity of 10/s")]
    public async Task RunAsync_RateAboveTheWorkersCapacity_FailsBeforeAnyStackStarts(double testRate, string expected)
    {
        // A pull request's scenario file is never seen by the coordinator's quota checks.
        var spec = new LoadTestSpec { InlineSpec = PipelineFixture.SampleScenario(), Rate = testRate };
        var load = new HttpLoopLoadStep(TimeSpan.Zero);

        var result = await _fixture.Create(load, maxRequestRate: 10).RunAsync(new RunRequest("t-too-fast", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains(expected, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(RunPhase.StartingStack, _fixture.Phases);
        Assert.Null(load.Overrides); // the load step never ran
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-too-fast"));
    }

    [Fact]
    public async Task RunAsync_TestRateWithinCapacity_RunsAScenarioThatAsksForMore()
    {
        // The test's own rate replaces the scenario's: only what will be sent counts.
        var scenario = PipelineFixture.SampleScenario().Replace("perf/prometheus.yml", "/dev/null", StringComparison.Ordinal);
        var spec = new LoadTestSpec { InlineSpec = scenario, Rate = 5, Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) };
        var load = new HttpLoopLoadStep(TimeSpan.FromSeconds(0.5));

        var result = await _fixture.Create(load, maxRequestRate: 10).RunAsync(new RunRequest("t-within", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
    }

    [Fact]
    public async Task RunAsync_ServiceCrashes_ReasonShowsItsErrorLineAndNamesTheKeptLog()
    {
        // What Node prints when a module is missing: the cause, a stack trace, then a footer.
        var frames = string.Concat(Enumerable.Range(1, 30).Select(i => $"echo '    at Module._load (node:internal/modules/cjs/loader:{i}:15)' >&2; "));
        var crash = "echo 'node:internal/modules/cjs/loader:1228' >&2; echo \"Error: Cannot find module 'express'\" >&2; " + frames
            + "echo \"  requireStack: [ '/srv/server.js' ]\" >&2; echo '}' >&2; echo 'Node.js v20.20.2' >&2; exit 1";
        var spec = new LoadTestSpec
        {
            InlineSpec = $$"""
                version: 1
                scenarios:
                  api:
                    stack:
                      local:
                        - name: shop-api
                          run: |
                            {{crash}}
                      ports: [sut]
                      ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
                    load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_SUT}"], duration: 1s, rate: 1}
                """,
        };

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1))).RunAsync(new RunRequest("t-crash", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("service shop-api exited with code 1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Error: Cannot find module 'express'", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Node.js v20.20.2", result.Reason, StringComparison.Ordinal);
        var logs = Path.Combine(_fixture.RunsDirectory, "t-crash-1", "logs");
        Assert.EndsWith($"the service logs are kept in {logs}", result.Reason, StringComparison.Ordinal);
        Assert.Contains("at Module._load", await File.ReadAllTextAsync(Path.Combine(logs, "shop-api.log")), StringComparison.Ordinal);
        Assert.Equal([logs], Directory.EnumerateFileSystemEntries(Path.Combine(_fixture.RunsDirectory, "t-crash-1")));
    }

    [Fact]
    public async Task RunAsync_Completed_LeavesNoRunDirectory()
    {
        var scenario = PipelineFixture.SampleScenario().Replace("perf/prometheus.yml", "/dev/null", StringComparison.Ordinal);
        var spec = new LoadTestSpec { InlineSpec = scenario, Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) };

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(0.5))).RunAsync(new RunRequest("t-clean", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Completed, result.Status);
        Assert.False(Directory.Exists(Path.Combine(_fixture.RunsDirectory, "t-clean-1")));
    }

    private static RunRequest Request(string id, string url, string commit) =>
        new(id, 1, new LoadTestSpec { Repository = "owner/sample", CloneUrl = url, Commit = commit, Scenario = "api" });

    public void Dispose() => _fixture.Dispose();

    private sealed class StopOnPhase(RunPhase phase, CancellationTokenSource stop) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            if (value.Phase == phase)
            {
                stop.CancelAfter(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
