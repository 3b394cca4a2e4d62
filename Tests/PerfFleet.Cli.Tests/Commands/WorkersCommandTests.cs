using Microsoft.Extensions.Time.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Workers;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>`workers` against workers that joined through real heartbeats: one live and running a test, one gone quiet.</summary>
public sealed class WorkersCommandTests(ShortLivenessCoordinatorFixture coordinator) : IClassFixture<ShortLivenessCoordinatorFixture>
{
    [Fact]
    public async Task Workers_Table_ShowsQuotaHeartbeatAgeRunningTestsAndLeader()
    {
        var prefix = NewPrefix();
        await using var stale = await StaleWorkerAsync(prefix);
        await using var live = await ScriptedWorker.StartAsync(coordinator.Host, prefix + "-a", new Quota { ConcurrentTests = 4, RequestRate = 1000, Cores = 2 }, heartbeatInterval: null);
        var test = await coordinator.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Spec(rate: 150) }, CoordinatorTestHost.Admin);
        await live.AssignedAsync(test.Id, TimeSpan.FromSeconds(30));
        await live.ProgressAsync(test.Id, new Progress { Phase = RunPhase.Measuring, Elapsed = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)), RequestedRate = 150 });
        var listed = await coordinator.Host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), CoordinatorTestHost.Admin);
        var heartbeat = listed.Workers.Single(w => w.Id == live.Id).LastHeartbeat.ToDateTimeOffset();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _ => null, new FakeTimeProvider(heartbeat.AddSeconds(12)), InteractiveTerminal: false);

        var run = await CliRun.RunAsync(environment, coordinator.Args("workers"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(live.Address, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1/4", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("150/1000", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("12s ago", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{test.Id} (measuring)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"leader: {coordinator.Host.GrpcAddress} (epoch {listed.Epoch})", run.Stdout, StringComparison.Ordinal);
        Assert.True(listed.Epoch > 0, "the coordinator leads, so an epoch was taken");
        Assert.DoesNotContain(stale.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workers_All_IncludesStaleWorkersAsJson()
    {
        var prefix = NewPrefix();
        await using var stale = await StaleWorkerAsync(prefix);
        await using var live = await ScriptedWorker.StartAsync(coordinator.Host, prefix + "-a", new Quota { RequestRate = 1000 }, heartbeatInterval: null);

        var run = await CliRun.RunAsync(coordinator.Args("workers", "--all", "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var workers = JsonParser.Default.Parse<ListWorkersResponse>(run.Stdout).Workers.Where(w => w.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal([(live.Id, true), (stale.Id, false)], workers.Select(w => (w.Id, w.Alive)));
    }

    [Fact]
    public async Task Workers_OneWhoseAddressDoesNotAnswer_IsShownUnreachableAndItsTestRunsElsewhere()
    {
        var prefix = NewPrefix();
        await using var stale = await StaleWorkerAsync(prefix);
        var nobody = $"http://127.0.0.1:{PerfFleet.Common.Net.LoopbackPorts.Next()}";
        await using var broken = await ScriptedWorker.StartAsync(coordinator.Host, prefix + "-a", new Quota { ConcurrentTests = 50, RequestRate = 1000 }, TimeSpan.FromMilliseconds(500), advertisedAddress: nobody);
        await using var good = await ScriptedWorker.StartAsync(coordinator.Host, prefix + "-b", new Quota { ConcurrentTests = 4, RequestRate = 1000 }, TimeSpan.FromMilliseconds(500));

        // Both are alive; the broken one has the most room, so it is tried first.
        var test = await coordinator.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Spec(rate: 10) }, CoordinatorTestHost.Admin);
        await good.AssignedAsync(test.Id, TimeSpan.FromSeconds(30));
        var run = await CliRun.RunAsync(coordinator.Args("workers"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(run.Stdout.Contains("unreachable, passed over for", StringComparison.Ordinal), run.Stdout);
        Assert.Contains($"{broken.Id}: its Start calls did not reach {nobody} (", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" in a row, last: ", run.Stdout, StringComparison.Ordinal);
        var stored = await coordinator.Host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, CoordinatorTestHost.Admin);
        Assert.Equal(good.Id, stored.Test.AssignedWorker); // the broken one is passed over (the class's earlier tests may have hit it first)
    }

    private static string NewPrefix() => "w" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A worker that heartbeated once (with no room for tests) and has been quiet for longer than the liveness timeout.</summary>
    private async Task<ScriptedWorker> StaleWorkerAsync(string prefix)
    {
        var worker = await ScriptedWorker.StartAsync(coordinator.Host, prefix + "-stale", new Quota(), heartbeatInterval: null);
        var deadline = DateTimeOffset.UtcNow + (ShortLivenessCoordinatorFixture.LivenessTimeout * 4);
        while (await IsAliveAsync(worker.Id))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"worker {worker.Id} never went stale");
            await Task.Delay(200);
        }

        return worker;
    }

    private async Task<bool> IsAliveAsync(string workerId)
    {
        var listed = await coordinator.Host.FleetApi.ListWorkersAsync(new ListWorkersRequest { IncludeStale = true }, CoordinatorTestHost.Admin);
        return listed.Workers.Single(w => w.Id == workerId).Alive;
    }

    private static LoadTestSpec Spec(double rate) => new()
    {
        Repository = "acme/fleet",
        CloneUrl = "https://git.example.invalid/acme/fleet.git",
        Commit = Seed.NewCommit(),
        Rate = rate,
        Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
    };
}
