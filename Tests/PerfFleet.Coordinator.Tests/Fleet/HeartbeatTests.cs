using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>Fleet.Heartbeat on a running coordinator: the worker's record, and the commands in the reply.</summary>
public sealed class HeartbeatTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private readonly CoordinatorTestHost host = fixture.Host;

    [Fact]
    public async Task Heartbeat_NewWorker_ListWorkersShowsItsQuotaAndLabels()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        var request = Heartbeat(workerId);
        request.Used = new Quota { ConcurrentTests = 0, RequestRate = 120, Cores = 1.5 };

        var reply = await host.FleetApi.HeartbeatAsync(request, CoordinatorTestHost.Fleet);

        Assert.Empty(reply.Stop);
        Assert.True(reply.Interval.ToTimeSpan() > TimeSpan.Zero);
        var workers = await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), Admin);
        var worker = Assert.Single(workers.Workers, w => w.Id == workerId);
        Assert.True(worker.Alive);
        Assert.Equal("http://127.0.0.1:1", worker.Address);
        Assert.Equal(5000, worker.Capacity.RequestRate);
        Assert.Equal(120, worker.Used.RequestRate);
        Assert.Equal(1.5, worker.Used.Cores);
        Assert.Equal("test", worker.Labels["zone"]);
        Assert.Equal(1, worker.HighestEpochSeen);
    }

    [Fact]
    public async Task Heartbeat_IdleWorkerAgain_UpdatesQuotaAndLabelsKeepsItsHighestEpochAndNamesTheLeader()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 100 && (await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), Admin)).Epoch == 0; i++)
        {
            await Task.Delay(100); // the host's coordinator takes the leadership shortly after it starts
        }

        var first = Heartbeat(workerId);
        first.HighestEpochSeen = 7;
        await host.FleetApi.HeartbeatAsync(first, CoordinatorTestHost.Fleet);
        var second = Heartbeat(workerId);
        second.HighestEpochSeen = 3;
        second.Labels.Clear();
        second.Labels["rack"] = "b";
        second.Used = new Quota { ConcurrentTests = 0, RequestRate = 40, Cores = 0.5 };

        var reply = await host.FleetApi.HeartbeatAsync(second, CoordinatorTestHost.Fleet);

        var leader = await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), Admin);
        Assert.True(reply.Epoch > 0);
        Assert.Equal((leader.Epoch, leader.LeaderAddress), (reply.Epoch, reply.LeaderAddress));
        var worker = Assert.Single(leader.Workers, w => w.Id == workerId);
        Assert.Equal((7L, 40d, 0.5), (worker.HighestEpochSeen, worker.Used.RequestRate, worker.Used.Cores));
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "b" }, worker.Labels);
    }

    [Fact]
    public async Task Heartbeat_AssignedTestReportedRunning_MovesToRunningWithoutStopCommand()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        await AssignAsync(fixture.Database, test.Id, workerId);

        var reply = await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id)), CoordinatorTestHost.Fleet);

        Assert.Empty(reply.Stop);
        var stored = (await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin)).Test;
        Assert.Equal(TestStatus.Running, stored.Status);
        Assert.Equal(RunPhase.Measuring, stored.Progress.Phase);
        var worker = (await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), Admin)).Workers.Single(w => w.Id == workerId);
        Assert.Equal(test.Id, Assert.Single(worker.Running).TestId);
    }

    [Fact]
    public async Task Heartbeat_PhasesReported_MoveTheTestOnlyForwardWithOneEventPerMove()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        await AssignAsync(fixture.Database, test.Id, workerId);

        // Reported twice in one heartbeat (the first report counts), then Reporting, then an older phase again.
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id, phase: RunPhase.WarmingUp), Running(test.Id, phase: RunPhase.Reporting)), CoordinatorTestHost.Fleet);
        var running = (await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin)).Test;
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id, phase: RunPhase.Reporting)), CoordinatorTestHost.Fleet);
        var reply = await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id, phase: RunPhase.Measuring)), CoordinatorTestHost.Fleet);

        Assert.Empty(reply.Stop);
        Assert.Equal((TestStatus.Running, RunPhase.WarmingUp), (running.Status, running.Progress.Phase));
        Assert.NotNull(running.StartedAt);
        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(TestStatus.Collecting, details.Test.Status);
        Assert.Equal(RunPhase.Measuring, details.Test.Progress.Phase); // progress is recorded, the status does not go back
        Assert.Equal(running.StartedAt, details.Test.StartedAt);
        var moves = details.Timeline.Select(e => e.Test.Status).Where(s => s is TestStatus.Running or TestStatus.Collecting);
        Assert.Equal([TestStatus.Running, TestStatus.Collecting], moves);
    }

    [Fact]
    public async Task Heartbeat_StoppingTest_ReplyCarriesStopCommand()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        await AssignAsync(fixture.Database, test.Id, workerId);

        var stopping = await host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id, Reason = "operator said so" }, Admin);
        var reply = await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id)), CoordinatorTestHost.Fleet);

        Assert.Equal(TestStatus.Stopping, stopping.Status);
        var stop = Assert.Single(reply.Stop);
        Assert.Equal(test.Id, stop.TestId);
        Assert.Contains("operator said so", stop.Reason, StringComparison.Ordinal);
        Assert.Equal(TestStatus.Stopping, (await host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id }, Admin)).Status);
    }

    [Fact]
    public async Task Heartbeat_TestAssignedElsewhereOrUnknown_ReplyTellsWorkerToStopAndNothingChanges()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        var otherWorker = "w-" + Guid.NewGuid().ToString("N");
        await host.FleetApi.HeartbeatAsync(Heartbeat(otherWorker), CoordinatorTestHost.Fleet); // alive, so the liveness sweep leaves its test alone
        var test = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        await AssignAsync(fixture.Database, test.Id, otherWorker, attempt: 2);
        var unknown = Guid.NewGuid().ToString();

        var reply = await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id), Running(unknown), Running("garbage")), CoordinatorTestHost.Fleet);

        Assert.Equal([test.Id, unknown, "garbage"], reply.Stop.Select(s => s.TestId));
        var stored = (await host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin)).Test;
        Assert.Equal(TestStatus.Assigned, stored.Status);
        Assert.Equal(otherWorker, stored.AssignedWorker);
    }

    [Fact]
    public async Task Heartbeat_OldAttemptOfReassignedTest_TellsWorkerToStop()
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        var test = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        await AssignAsync(fixture.Database, test.Id, workerId, attempt: 2);

        var reply = await host.FleetApi.HeartbeatAsync(Heartbeat(workerId, Running(test.Id, attempt: 1)), CoordinatorTestHost.Fleet);

        Assert.Equal(test.Id, Assert.Single(reply.Stop).TestId);
    }

    [Theory]
    [InlineData("", "http://127.0.0.1:1", "worker_id")]
    [InlineData("huge", "http://127.0.0.1:1", "worker_id")]
    [InlineData("w1", "", "address")]
    [InlineData("w1", "file:///etc/passwd", "address")]
    [InlineData("w1", "not a url", "address")]
    public async Task Heartbeat_BadWorkerFields_InvalidArgumentAndNoWorkerStored(string workerId, string address, string field)
    {
        var request = Heartbeat(workerId == "huge" ? new string('w', 5000) : workerId);
        request.Address = address;
        var before = (await host.FleetApi.ListWorkersAsync(new ListWorkersRequest { IncludeStale = true }, Admin)).Workers.Count;

        await RpcAssert.InvalidArgumentAsync(field, () => host.FleetApi.HeartbeatAsync(request, CoordinatorTestHost.Fleet).ResponseAsync);

        Assert.Equal(before, (await host.FleetApi.ListWorkersAsync(new ListWorkersRequest { IncludeStale = true }, Admin)).Workers.Count);
    }
}
