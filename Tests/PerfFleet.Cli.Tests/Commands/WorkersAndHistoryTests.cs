using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Time;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class WorkersAndHistoryTests(CoordinatorFixture coordinator)
{
    private static readonly string[] AllWorkerIds = ["worker-a", "worker-stale"];
    private static readonly string[] HistoryInTimeOrder = ["base-1", "pr-1", "base-2"];

    [Fact]
    public async Task Workers_Table_ShowsQuotaHeartbeatAgeRunningTestsAndLeader()
    {
        SeedWorkers();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = new ManualTimeProvider(Seed.Created.AddSeconds(12));
        var environment = new CliEnvironment(stdout, stderr, _ => null, clock, InteractiveTerminal: false);

        var run = await CliRun.RunAsync(environment, coordinator.Args("workers"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("http://127.0.0.1:7001", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1/4", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("150/1000", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("12s ago", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("t-running (measuring)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("leader: http://127.0.0.1:5081 (epoch 7)", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("worker-stale", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workers_All_IncludesStaleWorkersAsJson()
    {
        SeedWorkers();

        var run = await CliRun.RunAsync(coordinator.Args("workers", "--all", "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var response = JsonParser.Default.Parse<ListWorkersResponse>(run.Stdout);
        Assert.Equal(AllWorkerIds, response.Workers.Select(w => w.Id));
    }

    [Fact]
    public async Task History_BaselinesAndTests_AreSentAndShownInTimeOrder()
    {
        coordinator.State.History = new HistoryResponse
        {
            Baselines =
            {
                new HistoryPoint { TestId = "base-1", Commit = new string('1', 40), Time = Timestamp.FromDateTimeOffset(Seed.Created), Median = 20, Kind = TestKind.Baseline },
                new HistoryPoint { TestId = "base-2", Commit = new string('2', 40), Time = Timestamp.FromDateTimeOffset(Seed.Created.AddHours(2)), Median = 21, Kind = TestKind.Baseline },
            },
            Tests = { new HistoryPoint { TestId = "pr-1", Time = Timestamp.FromDateTimeOffset(Seed.Created.AddHours(1)), Median = 31, Kind = TestKind.Test, Verdict = Verdict.Regression, PullRequest = 42, BaselineTestId = "base-1" } },
        };
        var scenario = "scenario-" + Guid.NewGuid().ToString("N");

        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", "acme/shop", "--scenario", scenario, "--query", "http_p99"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var sent = Assert.Single(coordinator.State.HistoryRequests, r => r.Scenario == scenario);
        Assert.Equal(("acme/shop", "http_p99"), (sent.Repository, sent.Query));
        var order = HistoryInTimeOrder.Select(id => run.Stdout.IndexOf(id, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order[0] < order[1] && order[1] < order[2], run.Stdout);
        Assert.Contains("#42", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("regression", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithoutQuery_ExitsUsageNamingTheOption()
    {
        var run = await CliRun.RunAsync(coordinator.Args("history", "--repo", "acme/shop", "--scenario", "checkout"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--query", run.Stderr, StringComparison.Ordinal);
    }

    private void SeedWorkers()
    {
        coordinator.State.Workers = new ListWorkersResponse
        {
            LeaderAddress = "http://127.0.0.1:5081",
            Epoch = 7,
            Workers =
            {
                new WorkerInfo
                {
                    Id = "worker-a", Address = "http://127.0.0.1:7001", Alive = true,
                    Capacity = new Quota { ConcurrentTests = 4, RequestRate = 1000, Cores = 2 },
                    Used = new Quota { ConcurrentTests = 1, RequestRate = 150, Cores = 0.5 },
                    LastHeartbeat = Timestamp.FromDateTimeOffset(Seed.Created),
                    Running = { new RunningTest { TestId = "t-running", Progress = new Progress { Phase = RunPhase.Measuring } } },
                },
                new WorkerInfo { Id = "worker-stale", Address = "http://127.0.0.1:7002", Alive = false },
            },
        };
    }
}
