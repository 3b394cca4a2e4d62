using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Payloads;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Net;
using static PerfFleet.Coordinator.Tests.Payloads.PayloadUploads;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>
/// A stored payload end to end: the real worker process downloads it from the coordinator and its
/// load engine replays it against a running deployment (<c>stack: none</c>); a payload that is not
/// there fails the test with the reason, and the test never waits for it.
/// </summary>
[Collection(nameof(ClusterTests))]
public sealed class PayloadRunTests(PayloadRunTests.RunFixture fixture) : IClassFixture<PayloadRunTests.RunFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Schedule_SpecRequestsAStoredPayload_TheWorkerReplaysItAndTheUseIsRecorded()
    {
        fixture.Paths.Clear();
        var repository = await RegisteredRepositoryAsync(fixture.Store);
        var content = RequestFile(3000);
        var name = NewName();
        await UploadAsync(fixture.Store.Payloads, Header(name, repository, content), content);
        var spec = new LoadTestSpec { Kind = TestKind.Adhoc, InlineSpec = fixture.Scenario("payload://" + name), Requests = "payload://" + name };

        var test = await fixture.Store.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin);
        var ended = await WaitUntilEndedAsync(test.Id);

        Assert.True(ended.Status == TestStatus.Completed, $"{ended.Status}: {ended.StatusReason}\n{fixture.Worker.Describe()}");
        var sent = fixture.Paths.Where(p => p.StartsWith("/api/items/", StringComparison.Ordinal)).ToList();
        Assert.InRange(sent.Count, 40, 60);
        Assert.Equal(1, await UsesAsync(name, test.Id));
        await fixture.Store.Payloads.RemoveAsync(new RemovePayloadRequest { Name = name }, CoordinatorTestHost.Admin);
    }

    [Fact]
    public async Task Schedule_ScenarioNamesAPayloadThatIsNotStored_TestFailsWithTheReason()
    {
        fixture.Paths.Clear();
        var spec = new LoadTestSpec { Kind = TestKind.Adhoc, InlineSpec = fixture.Scenario("payload://never-uploaded") };

        var test = await fixture.Store.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin);
        var ended = await WaitUntilEndedAsync(test.Id);

        Assert.Equal(TestStatus.Failed, ended.Status);
        Assert.Contains("requests: payload://never-uploaded: no payload named never-uploaded", ended.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Paths, p => p.StartsWith("/api/", StringComparison.Ordinal));
    }

    private async Task<LoadTest> WaitUntilEndedAsync(string id)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var test = (await fixture.Store.Host.LoadTests.GetAsync(new GetTestRequest { Id = id }, CoordinatorTestHost.Admin)).Test;
            if (test.Status is TestStatus.Completed or TestStatus.Failed or TestStatus.Stopped)
            {
                return test;
            }

            if (TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"test {id} is still {test.Status}\n{fixture.Worker.Describe()}");
            }

            await Task.Delay(200);
        }
    }

    private async Task<long> UsesAsync(string name, string testId)
    {
        await using var connection = new NpgsqlConnection(fixture.Store.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM payload_uses WHERE payload_name = @name AND test_id = @test", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("test", Guid.Parse(testId));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// One coordinator with its database, one running deployment and one real worker process for
    /// the class: a worker started per test would leave the previous one's row looking alive.
    /// </summary>
    public sealed class RunFixture : IAsyncLifetime
    {
        private readonly string workDirectory = Path.Combine(Path.GetTempPath(), "perffleet-payload-run-" + Guid.NewGuid().ToString("N"));
        private WebApplication? deployment;
        private ChildProcess? worker;

        public PayloadsHostFixture Store { get; } = new();

        public ConcurrentBag<string> Paths { get; } = [];

        public ChildProcess Worker => worker ?? throw new InvalidOperationException("The fixture is not initialized yet.");

        public async Task InitializeAsync()
        {
            await Store.InitializeAsync();
            deployment = await LoopbackDeployment.StartAsync(context =>
            {
                Paths.Add(context.Request.Path);
                return Task.CompletedTask;
            });
            worker = WorkerProcess.Start("payload-worker", FreePort.Next(), workDirectory, [Store.Host.GrpcAddress], capacity: 2);
        }

        /// <summary>A scenario file whose load replays <paramref name="requests"/> at the deployment.</summary>
        public string Scenario(string requests)
        {
            var url = LoopbackDeployment.Address(deployment!);
            return $"version: 1\nscenarios:\n  api:\n    stack: {{none: true, ready: {url}/}}\n"
                + $"    load: {{targets: [{url}], rate: 50, duration: 1s, requests: \"{requests}\"}}\n";
        }

        public async Task DisposeAsync()
        {
            worker?.Dispose();
            if (deployment is not null)
            {
                await deployment.DisposeAsync();
            }

            await Store.DisposeAsync();
            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
    }
}
