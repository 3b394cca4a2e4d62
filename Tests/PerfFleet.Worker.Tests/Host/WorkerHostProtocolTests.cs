using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Waiting;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Tests.Support;
using PerfFleet.Testing.Net;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>The Worker service's rules (epochs, quota, updates, stops), heartbeats and result reporting, with cheap runs.</summary>
public sealed class WorkerHostProtocolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_EpochOlderThanOneSeenInAHeartbeatReply_Aborted()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        coordinator.State.Epoch = 7;
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address]);
        await Eventually.WaitUntilAsync(() => coordinator.State.LastHeartbeat is { HighestEpochSeen: 7 }, Wait, "a heartbeat reporting epoch 7");

        var refused = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("old-leader", HostScenarios.Idle(), 6, new Quota(), HostScenarios.Quota(1, 1, 0)), WorkerUnderTest.Call).ResponseAsync);
        var accepted = await worker.Client.StartAsync(HostScenarios.Start("new-leader", HostScenarios.Idle(), 8, new Quota(), HostScenarios.Quota(1, 1, 0)), WorkerUnderTest.Call);
        var refusedAfter = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("old-leader", HostScenarios.Idle(), 7, new Quota(), HostScenarios.Quota(1, 1, 0)), WorkerUnderTest.Call).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, refused.StatusCode);
        Assert.Contains("epoch 6 is older than epoch 7", refused.Status.Detail, StringComparison.Ordinal);
        Assert.True(accepted.Accepted);
        Assert.Equal(StatusCode.Aborted, refusedAfter.StatusCode);
        Assert.Contains("older than epoch 8", refusedAfter.Status.Detail, StringComparison.Ordinal);
        await StopAllAsync(worker, coordinator, "new-leader");
    }

    [Fact]
    public async Task Start_OlderAttemptThanTheOneRunning_FailedPreconditionNotAborted()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address]);
        var free = HostScenarios.Quota(1, 1, 0);

        var second = await worker.Client.StartAsync(HostScenarios.Start("attempts", HostScenarios.Idle(), 1, new Quota(), free, attempt: 2), WorkerUnderTest.Call);
        var first = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("attempts", HostScenarios.Idle(), 1, new Quota(), free, attempt: 1), WorkerUnderTest.Call).ResponseAsync);

        Assert.True(second.Accepted);
        Assert.Equal(StatusCode.FailedPrecondition, first.StatusCode);
        Assert.Contains("attempt 2 of test attempts is already running here", first.Status.Detail, StringComparison.Ordinal);
        await StopAllAsync(worker, coordinator, "attempts");
    }

    [Fact]
    public async Task Start_ShadowerCases_AcceptedThenQuotaChangedThenResourceExhausted()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address], WorkerHostRunTests.Capacity(tests: 2, rate: 100));
        var capacity = HostScenarios.Quota(2, 100, 2);

        var first = await worker.Client.StartAsync(HostScenarios.Start("quota-a", HostScenarios.Idle(), 1, capacity, HostScenarios.Quota(1, 50, 0)), WorkerUnderTest.Call);
        var retried = await worker.Client.StartAsync(HostScenarios.Start("quota-a", HostScenarios.Idle(), 1, capacity, HostScenarios.Quota(1, 50, 0)), WorkerUnderTest.Call);
        var changed = await worker.Client.StartAsync(HostScenarios.Start("quota-b", HostScenarios.Idle(), 1, capacity, HostScenarios.Quota(1, 40, 0)), WorkerUnderTest.Call);
        var full = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("quota-c", HostScenarios.Idle(), 1, changed.Free, HostScenarios.Quota(1, 5, 0)), WorkerUnderTest.Call).ResponseAsync);

        Assert.Equal((true, false, HostScenarios.Quota(1, 50, 2)), (first.Accepted, first.QuotaChanged, first.Free));
        Assert.Equal((true, false), (retried.Accepted, retried.QuotaChanged));
        Assert.Equal((true, true, HostScenarios.Quota(0, 10, 2)), (changed.Accepted, changed.QuotaChanged, changed.Free));
        Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
        Assert.Contains("concurrent tests", full.Status.Detail, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(() => coordinator.State.LastHeartbeat is { Running.Count: 2, Used.RequestRate: 90 }, Wait, "a heartbeat with both tests and their quota");
        await StopAllAsync(worker, coordinator, "quota-a", "quota-b");
    }

    [Fact]
    public async Task Update_RunningTest_ChangesRateWithinQuotaOnly()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address], WorkerHostRunTests.Capacity(tests: 2, rate: 100));
        await worker.Client.StartAsync(HostScenarios.Start("upd-a", HostScenarios.Idle(), 1, new Quota(), HostScenarios.Quota(1, 50, 0)), WorkerUnderTest.Call);
        await worker.Client.StartAsync(HostScenarios.Start("upd-b", HostScenarios.Idle(), 1, new Quota(), HostScenarios.Quota(1, 40, 0)), WorkerUnderTest.Call);

        var updated = await worker.Client.UpdateAsync(new WorkerUpdateRequest { TestId = "upd-a", Epoch = 1, Rate = 60 }, WorkerUnderTest.Call);
        var over = await Assert.ThrowsAsync<RpcException>(() => worker.Client.UpdateAsync(new WorkerUpdateRequest { TestId = "upd-a", Epoch = 1, Rate = 61 }, WorkerUnderTest.Call).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => worker.Client.UpdateAsync(new WorkerUpdateRequest { TestId = "nope", Epoch = 1, Rate = 10 }, WorkerUnderTest.Call).ResponseAsync);
        var zero = await Assert.ThrowsAsync<RpcException>(() => worker.Client.UpdateAsync(new WorkerUpdateRequest { TestId = "upd-a", Epoch = 1, Rate = 0 }, WorkerUnderTest.Call).ResponseAsync);

        Assert.Equal(0, updated.Free.RequestRate, 3);
        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
        Assert.Contains("request rate", over.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, zero.StatusCode);
        Assert.Contains("rate", zero.Status.Detail, StringComparison.Ordinal);
        await StopAllAsync(worker, coordinator, "upd-a", "upd-b");
    }

    [Fact]
    public async Task Heartbeat_FirstCoordinatorDead_FailsOverAndRemembersTheOneThatAnswered()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        var dead = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        await using var worker = await WorkerUnderTest.StartAsync([dead, coordinator.Address]);

        await Eventually.WaitUntilAsync(() => coordinator.State.Heartbeats.Count >= 3, Wait, "three heartbeats at the second coordinator");

        Assert.Equal(coordinator.Address, worker.Services.GetRequiredService<CoordinatorPool>().Preferred);
        Assert.Equal(coordinator.Address, worker.Services.GetRequiredService<CoordinatorPool>().FailoverOrder()[0]);
        var heartbeat = coordinator.State.LastHeartbeat!;
        Assert.Equal(worker.Endpoints.WorkerId, heartbeat.WorkerId);
        Assert.Equal($"http://127.0.0.1:{worker.Endpoints.GrpcPort.ToString(CultureInfo.InvariantCulture)}", heartbeat.Address);
        Assert.Equal((1, 20_000d, (double)Environment.ProcessorCount), (heartbeat.Capacity.ConcurrentTests, heartbeat.Capacity.RequestRate, heartbeat.Capacity.Cores));
    }

    [Fact]
    public async Task ReportResults_TestReassigned_LoggedAndNotRetried()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        coordinator.State.ReportFailure = StatusCode.FailedPrecondition;
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address]);

        await worker.Client.StartAsync(HostScenarios.Start("bad-spec", new LoadTestSpec { InlineSpec = "version: [" }, 1, new Quota(), HostScenarios.Quota(1, 1, 0)), WorkerUnderTest.Call);

        await Eventually.WaitUntilAsync(() => coordinator.State.ReportCalls >= 1, Wait, "a result upload");
        await Eventually.WaitUntilAsync(() => coordinator.State.LastHeartbeat is { Running.Count: 0 } && coordinator.State.Heartbeats.Count > 3, Wait, "the test gone from heartbeats");
        await Task.Delay(FleetResultSinkBackoff);
        Assert.Equal(1, coordinator.State.ReportCalls);
    }

    [Fact]
    public async Task ReportResults_CoordinatorUnavailable_RetriedABoundedNumberOfTimes()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        coordinator.State.ReportFailure = StatusCode.Unavailable;
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address], new Dictionary<string, string?> { ["PerfFleet:Worker:ReportAttempts"] = "2" });

        await worker.Client.StartAsync(HostScenarios.Start("bad-spec", new LoadTestSpec { InlineSpec = "version: [" }, 1, new Quota(), HostScenarios.Quota(1, 1, 0)), WorkerUnderTest.Call);

        await Eventually.WaitUntilAsync(() => coordinator.State.ReportCalls >= 2, Wait, "two result uploads");
        await Eventually.WaitUntilAsync(() => coordinator.State.LastHeartbeat is { Running.Count: 0 }, Wait, "the test gone from heartbeats");
        await Task.Delay(FleetResultSinkBackoff);
        Assert.Equal(2, coordinator.State.ReportCalls);
    }

    [Fact]
    public async Task Start_BadCalls_ClearErrors()
    {
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address]);

        var noToken = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("t", HostScenarios.Idle(), 1, new Quota(), new Quota())).ResponseAsync);
        var wrongToken = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("t", HostScenarios.Idle(), 1, new Quota(), new Quota()), new CallOptions(new Metadata { { "authorization", "Bearer nope" } })).ResponseAsync);
        var noId = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start(string.Empty, HostScenarios.Idle(), 1, new Quota(), new Quota()), WorkerUnderTest.Call).ResponseAsync);
        var negative = await Assert.ThrowsAsync<RpcException>(() => worker.Client.StartAsync(HostScenarios.Start("t", HostScenarios.Idle(), 1, new Quota(), HostScenarios.Quota(1, -5, 0)), WorkerUnderTest.Call).ResponseAsync);
        var stopUnknown = await worker.Client.StopAsync(new WorkerStopRequest { TestId = "never-started" }, WorkerUnderTest.Call);

        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrongToken.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, "test.id: is required"), (noId.StatusCode, noId.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.StartsWith("required", negative.Status.Detail, StringComparison.Ordinal);
        Assert.False(stopUnknown.WasRunning);
    }

    [Fact]
    public async Task StartAsync_NoCoordinators_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WorkerUnderTest.StartAsync([]));

        Assert.Contains("Coordinators", error.Message, StringComparison.Ordinal);
    }

    private static readonly TimeSpan FleetResultSinkBackoff = TimeSpan.FromSeconds(1.5);

    /// <summary>Stops the tests through heartbeat replies (the coordinator's usual way) and waits for their Stopped results.</summary>
    private static async Task StopAllAsync(WorkerUnderTest worker, FakeCoordinator coordinator, params string[] testIds)
    {
        foreach (var id in testIds)
        {
            coordinator.State.PendingStops.Enqueue(new StopCommand { TestId = id, Reason = "test over" });
        }

        await Eventually.WaitUntilAsync(() => testIds.All(id => coordinator.State.FinalOf(id) is not null), Wait, "the stopped results");
        Assert.All(testIds, id => Assert.Equal(TestStatus.Stopped, coordinator.State.FinalOf(id)!.Status));
        await Eventually.WaitUntilAsync(() => coordinator.State.LastHeartbeat is { Running.Count: 0 }, Wait, "a heartbeat with nothing running");
        Assert.Empty(worker.Services.GetRequiredService<PerfFleet.Worker.Service.ActiveTestRegistry>().Snapshot());
    }
}
