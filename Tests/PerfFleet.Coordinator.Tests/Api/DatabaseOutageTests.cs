using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// A coordinator whose PostgreSQL is stopped for real answers UNAVAILABLE (retriable, "the
/// database is unreachable") on the admin API and the workers' calls, never UNKNOWN; and serves
/// again once the server is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task EveryKindOfCall_DatabaseStopped_UnavailableThenServedAfterRestart()
    {
        await using var postgres = await PrivatePostgresServer.StartAsync();
        await using var host = await CoordinatorTestHost.StartAsync(postgres.ConnectionString);
        var before = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));

        await postgres.StopAsync();

        var calls = new Dictionary<string, Func<Task>>
        {
            ["Schedule"] = () => ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository())),
            ["Get"] = () => host.LoadTests.GetAsync(new GetTestRequest { Id = before.Id }, Admin).ResponseAsync,
            ["List"] = () => host.LoadTests.ListAsync(new ListTestsRequest(), Admin).ResponseAsync,
            ["Stop"] = () => host.LoadTests.StopAsync(new StopTestRequest { Id = before.Id }, Admin).ResponseAsync,
            ["ListWorkers"] = () => host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), Admin).ResponseAsync,
            ["Heartbeat"] = () => host.FleetApi.HeartbeatAsync(Heartbeat("outage-worker"), CoordinatorTestHost.Fleet).ResponseAsync,
            ["ReportResults"] = () => SendAsync(host, Report(before.Id, "outage-worker", level: 10)),
            ["Repositories.List"] = () => host.Repositories.ListAsync(new Google.Protobuf.WellKnownTypes.Empty(), Admin).ResponseAsync,
        };
        foreach (var (name, call) in calls)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(refused.StatusCode == StatusCode.Unavailable, $"{name}: {refused.StatusCode} {refused.Status.Detail}");
            Assert.StartsWith(DatabaseUnavailableInterceptor.Message, refused.Status.Detail, StringComparison.Ordinal);
        }

        await postgres.StartAgainAsync();
        var after = await ScheduleAsync(host, Specs.ForRepository(Specs.NewRepository()));
        Assert.Equal(TestStatus.Scheduled, after.Status);
        Assert.Equal(before.Id, (await host.LoadTests.GetAsync(new GetTestRequest { Id = before.Id }, Admin)).Test.Id);
    }
}
