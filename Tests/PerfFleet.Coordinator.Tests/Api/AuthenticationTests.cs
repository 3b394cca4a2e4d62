using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>Bearer tokens on every service: admin methods need an admin token, worker methods the fleet token.</summary>
public sealed class AuthenticationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private readonly CoordinatorTestHost host = fixture.Host;

    public static TheoryData<string> WrongAdminCredentials => new()
    {
        "none",
        "empty",
        "wrong",
        "fleet",
        "basic",
        "prefix",
    };

    [Theory]
    [MemberData(nameof(WrongAdminCredentials))]
    public async Task AdminMethods_MissingOrWrongToken_Unauthenticated(string credentials)
    {
        var headers = Headers(credentials);
        var before = (await host.LoadTests.ListAsync(new ListTestsRequest(), CoordinatorTestHost.Admin)).Total;

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.LoadTests.ListAsync(new ListTestsRequest(), headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.LoadTests.GetAsync(new GetTestRequest { Id = Guid.NewGuid().ToString() }, headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, async () =>
        {
            using var call = host.LoadTests.Watch(new WatchTestRequest { Id = Guid.NewGuid().ToString() }, headers);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Repositories.RegisterAsync(new RepositoryRegistration { Name = "evil/repo" }, headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.Repositories.ListAsync(new Empty(), headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), headers).ResponseAsync);

        Assert.Equal(before, (await host.LoadTests.ListAsync(new ListTestsRequest(), CoordinatorTestHost.Admin)).Total);
        Assert.DoesNotContain((await host.Repositories.ListAsync(new Empty(), CoordinatorTestHost.Admin)).Repositories, r => r.Name == "evil/repo");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong")]
    [InlineData("admin")]
    public async Task WorkerMethods_NoFleetToken_Unauthenticated(string credentials)
    {
        var headers = credentials == "admin" ? CoordinatorTestHost.Admin : Headers(credentials);
        var workerId = "intruder-" + Guid.NewGuid().ToString("N");

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => host.FleetApi.HeartbeatAsync(new HeartbeatRequest { WorkerId = workerId, Address = "http://127.0.0.1:1" }, headers).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, async () =>
        {
            using var call = host.FleetApi.ReportResults(headers);
            await call.RequestStream.WriteAsync(new ResultChunk { Header = new ResultHeader { TestId = Guid.NewGuid().ToString(), WorkerId = workerId } });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        var workers = await host.FleetApi.ListWorkersAsync(new ListWorkersRequest { IncludeStale = true }, CoordinatorTestHost.Admin);
        Assert.DoesNotContain(workers.Workers, w => w.Id == workerId);
    }

    private static Metadata Headers(string credentials) => credentials switch
    {
        "none" => [],
        "empty" => new Metadata { { "authorization", "Bearer " } },
        "wrong" => CoordinatorTestHost.Bearer("not-the-token"),
        "fleet" => CoordinatorTestHost.Fleet,
        "basic" => new Metadata { { "authorization", "Basic " + CoordinatorTestHost.AdminToken } },
        "prefix" => CoordinatorTestHost.Bearer(CoordinatorTestHost.AdminToken[..^1]),
        _ => throw new ArgumentOutOfRangeException(nameof(credentials), credentials, "unknown credentials"),
    };
}
