using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// Bearer tokens on every service: admin methods need an admin token (or, for the calls that only
/// read, a read-only token), worker methods the fleet token.
/// </summary>
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
    [InlineData("readonly")]
    public async Task WorkerMethods_NoFleetToken_Unauthenticated(string credentials)
    {
        var headers = credentials switch
        {
            "admin" => CoordinatorTestHost.Admin,
            "readonly" => CoordinatorTestHost.ReadOnly,
            _ => Headers(credentials),
        };
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

    [Fact]
    public async Task ReadingMethods_ReadOnlyToken_Answer()
    {
        var repository = Specs.NewRepository();
        await host.Repositories.RegisterAsync(new RepositoryRegistration { Name = repository, CloneUrl = $"https://git.example.invalid/{repository}.git", WebhookSecret = "webhook-secret-for-readers" }, CoordinatorTestHost.Admin);
        var scheduled = await host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, CoordinatorTestHost.Admin);
        var readOnly = CoordinatorTestHost.ReadOnly;

        var listed = await host.LoadTests.ListAsync(new ListTestsRequest { Repository = repository }, readOnly);
        var details = await host.LoadTests.GetAsync(new GetTestRequest { Id = scheduled.Id }, readOnly);
        using (var watch = host.LoadTests.Watch(new WatchTestRequest { Id = scheduled.Id }, readOnly))
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the watch sent no first event");
            Assert.Equal(scheduled.Id, watch.ResponseStream.Current.Test.Id);
        }

        var history = await host.LoadTests.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = "api", Query = "p99_latency_ms" }, readOnly);
        var repositories = await host.Repositories.ListAsync(new Empty(), readOnly);
        var workers = await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), readOnly);

        Assert.Equal(scheduled.Id, Assert.Single(listed.Tests).Id);
        Assert.Equal(scheduled.Id, details.Test.Id);
        Assert.Empty(history.Baselines);
        var registered = Assert.Single(repositories.Repositories, r => r.Name == repository);
        Assert.Equal((true, ""), (registered.HasWebhookSecret, registered.WebhookSecret)); // a reader learns a secret exists, never its value
        Assert.Equal((await host.FleetApi.ListWorkersAsync(new ListWorkersRequest(), CoordinatorTestHost.Admin)).Workers.Count, workers.Workers.Count);
    }

    [Fact]
    public async Task ChangingMethods_ReadOnlyToken_PermissionDeniedNamingTheCallAndNothingChanges()
    {
        var repository = Specs.NewRepository();
        await host.Repositories.RegisterAsync(new RepositoryRegistration { Name = repository, CloneUrl = $"https://git.example.invalid/{repository}.git" }, CoordinatorTestHost.Admin);
        var scheduled = await host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, CoordinatorTestHost.Admin);
        var readOnly = CoordinatorTestHost.ReadOnly;

        var denied = new[]
        {
            ("LoadTests.Schedule", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, readOnly).ResponseAsync)),
            ("LoadTests.Update", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.LoadTests.UpdateAsync(new UpdateTestRequest { Id = scheduled.Id, Rate = 5 }, readOnly).ResponseAsync)),
            ("LoadTests.Stop", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.LoadTests.StopAsync(new StopTestRequest { Id = scheduled.Id }, readOnly).ResponseAsync)),
            ("LoadTests.Rerun", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.LoadTests.RerunAsync(new RerunRequest { Id = scheduled.Id }, readOnly).ResponseAsync)),
            ("Repositories.Register", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.Repositories.RegisterAsync(new RepositoryRegistration { Name = "reader/repo", CloneUrl = "file:///x" }, readOnly).ResponseAsync)),
            ("Repositories.Remove", await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => host.Repositories.RemoveAsync(new RemoveRepositoryRequest { Name = repository }, readOnly).ResponseAsync)),
        };

        Assert.All(denied, d => Assert.Equal($"{d.Item1} changes state and this token is read-only: use an admin token", d.Item2.Status.Detail));
        var tests = await host.LoadTests.ListAsync(new ListTestsRequest { Repository = repository }, CoordinatorTestHost.Admin);
        var only = Assert.Single(tests.Tests);
        Assert.Equal((scheduled.Id, TestStatus.Scheduled, scheduled.Spec.Rate), (only.Id, only.Status, only.Spec.Rate));
        var registered = (await host.Repositories.ListAsync(new Empty(), CoordinatorTestHost.Admin)).Repositories.Select(r => r.Name).ToList();
        Assert.Contains(repository, registered);
        Assert.DoesNotContain("reader/repo", registered);
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
