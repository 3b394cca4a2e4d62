using System.Globalization;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Stacks;
using PerfFleet.Testing.Net;
using PerfFleet.Testing.Waiting;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>The worker host running real scenarios (git, the sample service, Prometheus, the load engine) for a fake coordinator.</summary>
public sealed class WorkerHostRunTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_SampleScenario_HeartbeatsShowProgressAndResultsArriveWithLoadAndQueries()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        var dead = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        await using var worker = await WorkerUnderTest.StartAsync([dead, coordinator.Address], Capacity(tests: 1, rate: 1000));
        var (repository, commit) = await HostScenarios.SampleRepositoryAsync("3s", 50);
        using var _ = repository;
        var spec = new LoadTestSpec { CloneUrl = repository.FileUrl, Commit = commit, Tag = "host-run" };
        var state = coordinator.State;
        await Eventually.WaitUntilAsync(() => state.LastHeartbeat is not null, RunTimeout, "a first heartbeat");

        var free = state.LastHeartbeat!.Capacity;
        var answer = await worker.Client.StartAsync(HostScenarios.Start("host-run", spec, 1, free, HostScenarios.Quota(1, 50, 0)), WorkerUnderTest.Call);

        Assert.True(answer.Accepted);
        Assert.False(answer.QuotaChanged);
        Assert.Equal(950, answer.Free.RequestRate, 3);
        await Eventually.WaitUntilAsync(() => Measuring(state.LastHeartbeat, "host-run") is { AchievedRate: > 0 }, RunTimeout, "a heartbeat with the test measuring at a rate");
        var metrics = await GetTextAsync(worker, "/metrics");
        // The names the docs and dashboards use, exactly as the Prometheus exporter writes them.
        Assert.Contains("perffleet_loadengine_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("tag=\"host-run\"", metrics, StringComparison.Ordinal);
        Assert.Contains("perffleet_loadengine_latency_milliseconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("perffleet_worker_tests_running{", metrics, StringComparison.Ordinal);
        Assert.Contains("perffleet_worker_heartbeats_sent_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("perffleet_worker_quota_used_rate{", metrics, StringComparison.Ordinal);

        await Eventually.WaitUntilAsync(() => state.FinalOf("host-run") is not null, RunTimeout, "the results");
        var report = state.ReportOf("host-run")!;
        var final = report[^1].Final;
        Assert.Equal((TestStatus.Completed, string.Empty), (final.Status, final.Reason));
        var header = report[0].Header;
        Assert.Equal((1, 1L, worker.Endpoints.WorkerId), (header.Attempt, header.Epoch, header.WorkerId));

        // The repository's one commit is the root of its first-parent history: depth 1.
        Assert.Equal(1, header.CommitSequence);
        var summary = Assert.Single(report, c => c.Summary is not null).Summary;
        Assert.Equal("host-run", summary.Tag);
        Assert.InRange(summary.Total.AchievedRate, 40, 60);
        Assert.Equal(0, summary.Total.Errors);
        var items = Assert.Single(report, c => c.Query?.Name == "items").Query;
        Assert.Equal(string.Empty, items.Error);
        Assert.True(items.Series.Count == 1, $"one series expected: {items} {summary.WindowStart} {summary.WindowEnd}");
        Assert.True(items.Series[0].Samples[^1].Value >= summary.Total.Responses, "Prometheus saw at least the measured responses");
        await Eventually.WaitUntilAsync(() => state.LastHeartbeat is { Running.Count: 0, Used.ConcurrentTests: 0 }, RunTimeout, "a heartbeat with nothing running");
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "host-run"));
        Assert.All(state.Authorizations, a => Assert.Equal("Bearer " + WorkerUnderTest.FleetToken, a));
        Assert.Equal(worker.Endpoints.AdvertisedAddress, state.LastHeartbeat!.Address);
        Assert.Contains("\"status\":\"ok\"", await GetTextAsync(worker, "/healthz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_DuringMeasuring_ReportsStoppedAndLeavesNothingRunning()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address]);
        var (repository, commit) = await HostScenarios.SampleRepositoryAsync("60s", 20);
        using var _ = repository;
        var spec = new LoadTestSpec { CloneUrl = repository.FileUrl, Commit = commit };
        var state = coordinator.State;
        await worker.Client.StartAsync(HostScenarios.Start("host-stop", spec, 1, new Quota(), HostScenarios.Quota(1, 20, 0)), WorkerUnderTest.Call);
        await Eventually.WaitUntilAsync(() => Measuring(state.LastHeartbeat, "host-stop") is not null, RunTimeout, "the test measuring");

        var stopped = await worker.Client.StopAsync(new WorkerStopRequest { TestId = "host-stop", Epoch = 1, Reason = "user asked" }, WorkerUnderTest.Call);
        var again = await worker.Client.StopAsync(new WorkerStopRequest { TestId = "host-stop", Epoch = 1 }, WorkerUnderTest.Call);

        Assert.True(stopped.WasRunning);
        Assert.False(again.WasRunning);
        await Eventually.WaitUntilAsync(() => state.FinalOf("host-stop") is not null, TimeSpan.FromSeconds(20), "the stopped result");
        Assert.Equal(TestStatus.Stopped, state.FinalOf("host-stop")!.Status);
        await Eventually.WaitUntilAsync(() => state.LastHeartbeat is { Running.Count: 0 }, TimeSpan.FromSeconds(5), "a heartbeat with nothing running");
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "host-stop"));
        Assert.Equal(1, state.ReportCalls);
    }

    internal static Progress? Measuring(HeartbeatRequest? heartbeat, string testId) =>
        heartbeat?.Running.FirstOrDefault(t => t.TestId == testId)?.Progress is { Phase: RunPhase.Measuring } progress ? progress : null;

    internal static Dictionary<string, string?> Capacity(int tests, double rate) => new()
    {
        ["PerfFleet:Worker:Capacity:ConcurrentTests"] = tests.ToString(CultureInfo.InvariantCulture),
        ["PerfFleet:Worker:Capacity:RequestRate"] = rate.ToString(CultureInfo.InvariantCulture),
        ["PerfFleet:Worker:Capacity:Cores"] = "2",
    };

    private static async Task<string> GetTextAsync(WorkerUnderTest worker, string path)
    {
        // Plain HTTP/1.1, as curl, Prometheus and Kubernetes probes use.
        using var http = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{worker.Endpoints.MetricsPort.ToString(CultureInfo.InvariantCulture)}{path}");
        using var response = await http.GetAsync(url);
        Assert.Equal(new Version(1, 1), response.Version);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
