using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Stacks;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Pipeline;

/// <summary>Paired runs: baseline and test commit in interleaved repetitions, each on a fresh local stack.</summary>
public sealed class PairedRunTests : IDisposable
{
    // Short windows: four repetitions must fit a test, and the window length is not what is tested.
    private const string Repeat = "\n    repeat: {pairs: 3, duration: 3s, warmup: 0s}";

    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task RunAsync_TwoPairsAgainstABranchThatMovedOn_MeasuresTheMergeBaseAndTheCommitInDrawnOrder()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario() + Repeat;
        var mergeBase = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        await repository.GitAsync("checkout", "--quiet", "-b", "feature");
        var commit = await repository.CommitAsync("the change", ("src/change.txt", "faster"));
        await repository.GitAsync("checkout", "--quiet", "master");
        var baseBranchHead = await repository.CommitAsync("master moved on", ("src/other.txt", "later"));
        var load = new HttpLoopLoadStep(idleTail: TimeSpan.FromSeconds(1.5));
        var request = Request("t-paired", repository.FileUrl, commit, baseBranchHead, pairs: 2);

        var result = await _fixture.Create(load).RunAsync(request, _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        Assert.Equal(4, result.Repetitions.Count); // the test's 2 pairs, not the scenario's 3
        var expected = ExpectedOrder(pairs: 2, mergeBase, commit);
        Assert.Equal(expected, result.Repetitions.Select(r => (r.Pair, r.Role, r.Commit, r.Order)));
        Assert.NotEqual(expected[0].Role, expected[2].Role); // the fixed seed draws a different order for each pair
        Assert.All(result.Repetitions, r =>
        {
            Assert.Equal(string.Empty, Assert.Single(r.Queries, q => q.Name == "items").Error);
            Assert.Contains(r.Resources, s => s.Name == "sut" && s.MemoryBytes.Count >= 2);
            Assert.NotNull(r.Summary);
        });
        Assert.All(load.Loads, l => Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.Zero), (l.Duration, l.Warmup))); // repeat's, not load's 4s and 1s
        Assert.Equal(4, load.Loads.Count);
        Assert.True(result.Repetitions.Zip(result.Repetitions.Skip(1)).All(p => p.First.StartedAt < p.Second.StartedAt));

        // The run page's charts: the last repetition of the test commit.
        var lastTest = result.Repetitions.Last(r => r.Role == RepetitionRole.Test);
        Assert.Same(lastTest.Summary, result.Summary);
        Assert.Equal(lastTest.Queries, result.Queries);
        Assert.Equal(lastTest.Resources, result.Resources);

        var chunks = result.ToChunks(1, "w").ToList();
        Assert.Equal(4, chunks.Count(c => c.ChunkCase == ResultChunk.ChunkOneofCase.Repetition));
        Assert.Equal(ResultChunk.ChunkOneofCase.Repetition, chunks[^2].ChunkCase);
        Assert.Equal(ResultChunk.ChunkOneofCase.Final, chunks[^1].ChunkCase);

        // Four fresh stacks: started and torn down once per repetition.
        Assert.Equal(4, _fixture.Phases.Count(p => p == RunPhase.StartingStack));
        Assert.Equal(4, _fixture.Phases.Count(p => p == RunPhase.TearingDown));
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-paired"));
        Assert.False(Directory.Exists(Path.Combine(_fixture.RunsDirectory, "t-paired-1")));
    }

    [Fact]
    public async Task RunAsync_BaselineWithNoHistoryInCommon_MeasuresTheBaselineCommitItself()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var files = new[] { (".perffleet.yml", PipelineFixture.SampleScenario() + Repeat), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig) };
        var commit = await repository.CommitAsync("perf", files);
        await repository.GitAsync("checkout", "--quiet", "--orphan", "rewritten");
        var unrelated = await repository.CommitAsync("a history of its own", files);

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1.5))).RunAsync(Request("t-paired-orphan", repository.FileUrl, commit, unrelated, pairs: 1), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        Assert.Equal(unrelated, Assert.Single(result.Repetitions, r => r.Role == RepetitionRole.Baseline).Commit);
        Assert.Equal(commit, Assert.Single(result.Repetitions, r => r.Role == RepetitionRole.Test).Commit);
    }

    [Fact]
    public async Task RunAsync_BaselineThatDoesNotBuild_FailsNamingThePairAndTheBaseline()
    {
        using var repository = await GitTestRepository.CreateAsync();

        // The stack runs each side's own build script: the baseline's fails, the commit's works.
        var scenario = PipelineFixture.SampleScenario().Replace("run: exec dotnet", "run: sh build.sh && exec dotnet", StringComparison.Ordinal) + Repeat;
        var baseline = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig), ("build.sh", "echo broken build >&2; exit 3\n"));
        var commit = await repository.CommitAsync("fix the build", ("build.sh", "true\n"));
        var request = Request("t-paired-fail", repository.FileUrl, commit, baseline, pairs: 1);

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1.5))).RunAsync(request, _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.StartsWith($"pair 1, baseline {baseline[..7]}: the stack broke before", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Repetitions, r => r.Role == RepetitionRole.Baseline);
        Assert.Equal(RunPhase.TearingDown, _fixture.Phases[^2]);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-paired-fail"));
    }

    [Fact]
    public async Task RunAsync_StopDuringTheSecondRepetition_EndsStoppedNamingItAndKillsItsStack()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario() + Repeat;
        var baseline = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        var commit = await repository.CommitAsync("change", ("src/change.txt", "x"));
        using var stop = new CancellationTokenSource();
        var progress = new StopOnSecondWindow(stop);

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1.5))).RunAsync(Request("t-paired-stop", repository.FileUrl, commit, baseline, pairs: 2), progress, stop.Token);

        Assert.Equal(TestStatus.Stopped, result.Status);
        var second = ExpectedOrder(pairs: 1, baseline, commit)[1];
        Assert.Equal($"stopped during Measuring of pair 1, {(second.Role == RepetitionRole.Baseline ? "baseline" : "test")} {second.Commit[..7]}", result.Reason);
        Assert.Single(result.Repetitions);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-paired-stop"));
    }

    [Fact]
    public async Task RunAsync_KeptStacks_StartsOneStackASideKeepsItsPortsAndTearsBothDown()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario() + "\n    repeat: {pairs: 3, duration: 3s, warmup: 0s, stack: kept}";
        var baseline = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        var commit = await repository.CommitAsync("change", ("src/change.txt", "x"));
        var load = new HttpLoopLoadStep(idleTail: TimeSpan.FromSeconds(1.5));

        var result = await _fixture.Create(load).RunAsync(Request("t-paired-kept", repository.FileUrl, commit, baseline, pairs: 2), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        Assert.Equal(ExpectedOrder(pairs: 2, baseline, commit), result.Repetitions.Select(r => (r.Pair, r.Role, r.Commit, r.Order)));
        Assert.All(result.Repetitions, r =>
        {
            Assert.Equal(string.Empty, Assert.Single(r.Queries, q => q.Name == "items").Error);
            Assert.Contains(r.Resources, s => s.Name == "sut" && s.MemoryBytes.Count >= 2);
        });

        // Two stacks for four repetitions, each side measured on its own stack every time.
        Assert.Equal(2, _fixture.Phases.Count(p => p == RunPhase.StartingStack));
        var targets = result.Repetitions.Zip(load.Loads, (r, l) => (r.Role, Target: string.Join(",", l.Targets))).ToList();
        var baselineTargets = targets.Where(t => t.Role == RepetitionRole.Baseline).Select(t => t.Target).Distinct().ToList();
        var testTargets = targets.Where(t => t.Role == RepetitionRole.Test).Select(t => t.Target).Distinct().ToList();
        Assert.Single(baselineTargets);
        Assert.Single(testTargets);
        Assert.NotEqual(baselineTargets[0], testTargets[0]);
        Assert.Equal(RunPhase.TearingDown, _fixture.Phases[^2]);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-paired-kept"));
    }

    [Fact]
    public async Task RunAsync_KeptStacksStoppedDuringTheSecondRepetition_KillsBothStacks()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var scenario = PipelineFixture.SampleScenario() + "\n    repeat: {pairs: 3, duration: 3s, warmup: 0s, stack: kept}";
        var baseline = await repository.CommitAsync("perf", (".perffleet.yml", scenario), ("perf/prometheus.yml", PipelineFixture.PrometheusConfig));
        var commit = await repository.CommitAsync("change", ("src/change.txt", "x"));
        using var stop = new CancellationTokenSource();

        var result = await _fixture.Create(new HttpLoopLoadStep(TimeSpan.FromSeconds(1.5))).RunAsync(Request("t-kept-stop", repository.FileUrl, commit, baseline, pairs: 2), new StopOnSecondWindow(stop), stop.Token);

        Assert.Equal(TestStatus.Stopped, result.Status);
        Assert.Single(result.Repetitions);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "t-kept-stop"));
    }

    [Fact]
    public async Task RunAsync_InlineSpecWithABaselineCommit_RunsUnpairedAsBefore()
    {
        var scenario = PipelineFixture.SampleScenario().Replace("perf/prometheus.yml", "/dev/null", StringComparison.Ordinal) + Repeat;
        var spec = new LoadTestSpec { InlineSpec = scenario, BaselineCommit = new string('a', 40), Pairs = 2, Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) };
        var load = new HttpLoopLoadStep(TimeSpan.FromSeconds(0.5));

        var result = await _fixture.Create(load).RunAsync(new RunRequest("t-inline-paired", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        Assert.Empty(result.Repetitions);
        Assert.NotNull(result.Summary);
        Assert.DoesNotContain(result.ToChunks(1, "w"), c => c.ChunkCase == ResultChunk.ChunkOneofCase.Repetition);
        Assert.Equal(1, _fixture.Phases.Count(p => p == RunPhase.StartingStack));
    }

    [Theory]
    [InlineData(0, null, 5)]
    [InlineData(0, 3, 3)]
    [InlineData(8, 3, 8)]
    [InlineData(50, null, 50)]
    public void PairCount_TestThenScenarioThenDefault(int testPairs, int? scenarioPairs, int expected)
    {
        var scenario = new Contracts.Scenarios.Scenario("api", null!, null, [], Contracts.Scenarios.ScenarioResources.Default)
        {
            Repeat = new Contracts.Scenarios.ScenarioRepeat(scenarioPairs, null, null),
        };

        Assert.Equal(expected, PairedRun.PairCount(new LoadTestSpec { Pairs = testPairs }, scenario, defaultPairs: 5));
    }

    [Fact]
    public void PairCount_MoreThanFiftyFromTheTest_IsRefused()
    {
        var scenario = new Contracts.Scenarios.Scenario("api", null!, null, [], Contracts.Scenarios.ScenarioResources.Default);

        var error = Assert.Throws<RunFailedException>(() => PairedRun.PairCount(new LoadTestSpec { Pairs = 51 }, scenario, defaultPairs: 5));

        Assert.Contains("the test asks for 51 pairs; a paired run has at most 50", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The repetitions the fixture's seed draws: per pair, baseline first when the draw is 0.</summary>
    private static List<(int Pair, RepetitionRole Role, string Commit, int Order)> ExpectedOrder(int pairs, string baseline, string commit)
    {
        var random = new Random(PipelineFixture.PairOrderSeed);
        var expected = new List<(int, RepetitionRole, string, int)>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var baselineFirst = random.Next(2) == 0;
            expected.Add((pair, baselineFirst ? RepetitionRole.Baseline : RepetitionRole.Test, baselineFirst ? baseline : commit, 0));
            expected.Add((pair, baselineFirst ? RepetitionRole.Test : RepetitionRole.Baseline, baselineFirst ? commit : baseline, 1));
        }

        return expected;
    }

    private static RunRequest Request(string id, string url, string commit, string baseline, int pairs) =>
        new(id, 1, new LoadTestSpec { Repository = "owner/sample", CloneUrl = url, Commit = commit, BaselineCommit = baseline, Pairs = pairs, Scenario = "api" });

    public void Dispose() => _fixture.Dispose();

    /// <summary>Stops the run half a second into the second repetition's window.</summary>
    private sealed class StopOnSecondWindow(CancellationTokenSource stop) : IProgress<RunProgress>
    {
        private int _windows;
        private RunPhase _last;

        public void Report(RunProgress value)
        {
            if (value.Phase == RunPhase.Measuring && _last != RunPhase.Measuring && ++_windows == 2)
            {
                stop.CancelAfter(TimeSpan.FromMilliseconds(500));
            }

            _last = value.Phase;
        }
    }
}
