using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.History;

/// <summary>LoadTests.PinBaseline, UnpinBaseline and ListBaselines, and Baselines.CurrentAsync behind them.</summary>
public sealed class BaselinePinTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly PerfFleet.Contracts.V1.LoadTests.LoadTestsClient client = fixture.Host.LoadTests;

    [Fact]
    public async Task Pin_CompletedBaseline_MakesItCurrentAndUnpinsTheOtherOne()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        var first = await BaselineRows.AddAsync(db, repository, 0, 20);
        var second = await BaselineRows.AddAsync(db, repository, 1, 20);
        var newest = await BaselineRows.AddAsync(db, repository, 2, 20);

        var pinned = await client.PinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);
        await client.PinBaselineAsync(new PinBaselineRequest { Id = second.Id.ToString() }, Admin);
        var list = await client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = BaselineRows.Scenario }, Admin);

        Assert.True(pinned.Pinned);
        Assert.Equal(repository, pinned.Repository);
        Assert.Equal(second.Id.ToString(), list.CurrentTestId);
        Assert.Equal([newest.Id.ToString(), second.Id.ToString(), first.Id.ToString()], list.Baselines.Select(b => b.TestId));
        Assert.Equal([false, true, false], list.Baselines.Select(b => b.Pinned));
    }

    [Fact]
    public async Task Unpin_PinnedBaseline_MakesTheNewestCurrentAgainAndIsIdempotent()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        var first = await BaselineRows.AddAsync(db, repository, 0, 20);
        var newest = await BaselineRows.AddAsync(db, repository, 1, 20);
        await client.PinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);

        var unpinned = await client.UnpinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);
        var again = await client.UnpinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);
        var list = await client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = BaselineRows.Scenario }, Admin);

        Assert.False(unpinned.Pinned);
        Assert.False(again.Pinned);
        Assert.Equal(newest.Id.ToString(), list.CurrentTestId);
    }

    [Fact]
    public async Task Pin_ManyAtOnce_LeavesExactlyOnePinned()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        var baselines = new List<LoadTestEntity>();
        for (var i = 0; i < 6; i++)
        {
            baselines.Add(await BaselineRows.AddAsync(db, repository, i, 20));
        }

        await Task.WhenAll(baselines.Select(b => client.PinBaselineAsync(new PinBaselineRequest { Id = b.Id.ToString() }, Admin).ResponseAsync));

        var list = await client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = BaselineRows.Scenario }, Admin);
        Assert.Single(list.Baselines, b => b.Pinned);
    }

    [Theory]
    [InlineData(LoadTestKind.Test, LoadTestStatus.Completed, "not a baseline")]
    [InlineData(LoadTestKind.Adhoc, LoadTestStatus.Completed, "not a baseline")]
    [InlineData(LoadTestKind.Baseline, LoadTestStatus.Running, "only a completed baseline")]
    [InlineData(LoadTestKind.Baseline, LoadTestStatus.Failed, "only a completed baseline")]
    public async Task Pin_NotACompletedBaseline_FailsPreconditionSayingWhy(LoadTestKind kind, LoadTestStatus status, string why)
    {
        await using var db = fixture.Database.CreateDbContext();
        var test = await BaselineRows.AddAsync(db, BaselineRows.NewRepository(), 0, 20, kind, status);

        var ex = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => client.PinBaselineAsync(new PinBaselineRequest { Id = test.Id.ToString() }, Admin).ResponseAsync);

        Assert.Contains(why, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpin_TestRun_FailsPrecondition()
    {
        await using var db = fixture.Database.CreateDbContext();
        var test = await BaselineRows.AddAsync(db, BaselineRows.NewRepository(), 0, 20, LoadTestKind.Test);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => client.UnpinBaselineAsync(new PinBaselineRequest { Id = test.Id.ToString() }, Admin).ResponseAsync);
    }

    // A hex fragment such as "3f2c1a9e" is not bad input: it is the start or end of an id, as the web UI shows it (NOT_FOUND when no test has it).
    public static TheoryData<string> BadIds => new() { "", "   ", "nope", "'; DROP TABLE load_tests; --", new string('9', 5000), "00000000-0000-0000-0000-00000000000g" };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task PinAndUnpin_BadId_AreInvalidArgumentNamingId(string id)
    {
        await RpcAssert.InvalidArgumentAsync("id", () => client.PinBaselineAsync(new PinBaselineRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("id", () => client.UnpinBaselineAsync(new PinBaselineRequest { Id = id }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task PinAndUnpin_UnknownId_AreNotFound()
    {
        var id = Guid.NewGuid().ToString();

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.PinBaselineAsync(new PinBaselineRequest { Id = "3f2c1a9e" }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.PinBaselineAsync(new PinBaselineRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.UnpinBaselineAsync(new PinBaselineRequest { Id = id }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task PinAndUnpin_ReadOnlyToken_ArePermissionDeniedButListIsAllowed()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        var baseline = await BaselineRows.AddAsync(db, repository, 0, 20);
        var request = new PinBaselineRequest { Id = baseline.Id.ToString() };

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.PinBaselineAsync(request, CoordinatorTestHost.ReadOnly).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.UnpinBaselineAsync(request, CoordinatorTestHost.ReadOnly).ResponseAsync);
        var list = await client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = BaselineRows.Scenario }, CoordinatorTestHost.ReadOnly);
        Assert.False(Assert.Single(list.Baselines).Pinned);
    }

    public static TheoryData<string, string, int, string> BadListRequests => new()
    {
        { "", "", 0, "repository" },
        { "no-slash", "", 0, "repository" },
        { "acme/shop'; DROP TABLE load_tests; --", "", 0, "repository" },
        { new string('a', 300) + "/x", "", 0, "repository" },
        { "acme/shop", "bad scenario", 0, "scenario" },
        { "acme/shop", "\u0000", 0, "scenario" },
        { "acme/shop", "", -1, "limit" },
        { "acme/shop", "", BaselinePins.MaxLimit + 1, "limit" },
        { "acme/shop", "", int.MaxValue, "limit" },
    };

    [Theory]
    [MemberData(nameof(BadListRequests))]
    public async Task ListBaselines_BadInput_IsInvalidArgumentNamingTheField(string repository, string scenario, int limit, string field)
    {
        await RpcAssert.InvalidArgumentAsync(field, () => client.ListBaselinesAsync(new ListBaselinesRequest { Repository = repository, Scenario = scenario, Limit = limit }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task CurrentAsync_NoneThenNewestThenPinned()
    {
        var repository = BaselineRows.NewRepository();
        await using var db = fixture.Database.CreateDbContext();
        Assert.Null(await Baselines.CurrentAsync(db, repository, BaselineRows.Scenario, CancellationToken.None));

        var first = await BaselineRows.AddAsync(db, repository, 0, 20);
        var newest = await BaselineRows.AddAsync(db, repository, 1, 20);
        await BaselineRows.AddAsync(db, repository, 2, 20, LoadTestKind.Test);
        await BaselineRows.AddAsync(db, repository, 3, 20, LoadTestKind.Baseline, LoadTestStatus.Running);
        Assert.Equal(newest.Id, (await Baselines.CurrentAsync(db, repository, BaselineRows.Scenario, CancellationToken.None))?.Id);
        Assert.Null(await Baselines.CurrentAsync(db, repository, "other", CancellationToken.None));

        await client.PinBaselineAsync(new PinBaselineRequest { Id = first.Id.ToString() }, Admin);
        Assert.Equal(first.Id, (await Baselines.CurrentAsync(db, repository, BaselineRows.Scenario, CancellationToken.None))?.Id);
    }
}
