using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Workers;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// Load tests in the state a CLI test needs, made the way production makes them: scheduled
/// through the admin API, assigned by the leader to the fixture's worker, moved on by that
/// worker's heartbeats and results. Comparisons and verdicts are the coordinator's own.
/// </summary>
public sealed class Seed(CoordinatorTestHost host, ScriptedWorker worker)
{
    public const string Scenario = "checkout";
    public const double RequestedRate = 200;

    /// <summary>The level of the baseline's latency query; a test run at 31 is +55%.</summary>
    public const double BaselineLevel = 20;

    /// <summary>A fixed start for measurement windows and fake clocks.</summary>
    public static readonly DateTimeOffset Created = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan AssignmentWait = TimeSpan.FromSeconds(30);

    /// <summary>A repository name no other test uses, so filters and baselines see only this test's runs.</summary>
    public static string NewRepository() => "acme/" + Guid.NewGuid().ToString("N");

    public static string NewCommit() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "0123abcd";

    public async Task<LoadTest> ScheduledAsync(string? repository = null, TestKind kind = TestKind.Test, string scenario = Scenario, int pullRequest = 0, string? commit = null)
    {
        var name = repository ?? NewRepository();
        var spec = new LoadTestSpec
        {
            Repository = name,
            CloneUrl = $"https://git.example.invalid/{name}.git",
            Commit = commit ?? NewCommit(),
            Scenario = scenario,
            Kind = kind,
            Rate = RequestedRate,
            Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
            PullRequest = pullRequest,
        };
        return await host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin);
    }

    /// <summary>Scheduled, then assigned by the leader to the worker (which holds it without progress).</summary>
    public async Task<LoadTest> AssignedAsync(string? repository = null, TestKind kind = TestKind.Test, string scenario = Scenario, int pullRequest = 0, string? commit = null)
    {
        var test = await ScheduledAsync(repository, kind, scenario, pullRequest, commit);
        await worker.AssignedAsync(test.Id, AssignmentWait);
        return await GetAsync(test.Id);
    }

    /// <summary>Assigned, then reported measuring by the worker's heartbeat.</summary>
    public async Task<LoadTest> RunningAsync(string? repository = null, TestKind kind = TestKind.Test, string scenario = Scenario)
    {
        var test = await AssignedAsync(repository, kind, scenario);
        await worker.ProgressAsync(test.Id, Measuring(TimeSpan.FromSeconds(10), 199));
        return await GetAsync(test.Id);
    }

    public async Task<LoadTest> FailedAsync(string reason, string? repository = null)
    {
        var test = await RunningAsync(repository);
        await worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Failed, Reason = reason });
        return await GetAsync(test.Id);
    }

    /// <summary>A run that completed with its latency query at <paramref name="level"/>; the coordinator compares it with the repository's baseline.</summary>
    public async Task<LoadTest> CompletedAsync(double level, string? repository = null, TestKind kind = TestKind.Test, string scenario = Scenario, int pullRequest = 0, string? commit = null, long commitSequence = 0)
    {
        var test = await AssignedAsync(repository, kind, scenario, pullRequest, commit);
        await worker.ProgressAsync(test.Id, Measuring(TimeSpan.FromSeconds(60), 199.5));
        // The engine's own figures differ a little between baseline and test, too little to be a verdict.
        var summary = kind == TestKind.Baseline ? Measurements.Summary(achievedRate: 199, p99Ms: 30.9) : Measurements.Summary(achievedRate: 199.5, p99Ms: 31.7);
        await worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Completed }, summary, [Measurements.LatencyQuery(level)], commitSequence: commitSequence);
        return await GetAsync(test.Id);
    }

    /// <summary>
    /// A completed test run whose comparison has <paramref name="verdict"/>: a baseline at
    /// <see cref="BaselineLevel"/> first (none for no-baseline), then the test at a level that
    /// is worse, better or the same.
    /// </summary>
    public async Task<TestDetails> WithComparisonAsync(Verdict verdict)
    {
        var repository = NewRepository();
        if (verdict != Verdict.NoBaseline)
        {
            await CompletedAsync(BaselineLevel, repository, TestKind.Baseline);
        }

        var level = verdict switch
        {
            Verdict.Regression => 31,
            Verdict.Improvement => 12,
            Verdict.Unchanged or Verdict.NoBaseline => BaselineLevel,
            _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a worker's results cannot produce this verdict"),
        };
        var test = await CompletedAsync(level, repository);
        return await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, CoordinatorTestHost.Admin);
    }

    public async Task<LoadTest> GetAsync(string id) =>
        (await host.LoadTests.GetAsync(new GetTestRequest { Id = id }, CoordinatorTestHost.Admin)).Test;

    public static Progress Measuring(TimeSpan elapsed, double achievedRate) => new()
    {
        Phase = RunPhase.Measuring,
        Elapsed = Duration.FromTimeSpan(elapsed),
        AchievedRate = achievedRate,
        RequestedRate = RequestedRate,
    };
}
