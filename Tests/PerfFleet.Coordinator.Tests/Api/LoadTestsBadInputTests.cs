using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// Missing, wrong and hostile input to the LoadTests methods: each is refused with the status a
/// client can act on, naming the field or the limit, and nothing stored changes.
/// </summary>
public sealed class LoadTestsBadInputTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly PerfFleet.Contracts.V1.LoadTests.LoadTestsClient client = fixture.Host.LoadTests;

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "missing-commit", "spec.commit" },
        { "short-commit", "spec.commit" },
        { "non-hex-commit", "spec.commit" },
        { "sql-commit", "spec.commit" },
        { "negative-rate", "spec.rate" },
        { "nan-rate", "spec.rate" },
        { "bad-repository", "spec.repository" },
        { "huge-repository", "spec.repository" },
        { "option-clone-url", "spec.clone_url" },
        { "spaced-clone-url", "spec.clone_url" },
        { "zero-duration", "spec.duration" },
        { "bad-scenario", "spec.scenario" },
        { "priority", "spec.priority" },
        { "tag", "spec.tag" },
        { "pull-request", "spec.pull_request" },
        { "branch-control", "spec.branch" },
        { "nothing", "spec" },
        { "inline-huge", "spec.inline_spec" },
        { "inline-unknown-scenario", "spec.scenario" },
        { "search-no-unit", "spec.search" },
        { "search-yaml", "spec.search" },
        { "search-unknown-key", "spec.search" },
        { "search-huge", "spec.search" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Schedule_BadSpec_InvalidArgumentNamingFieldAndNothingStored(string problem, string field)
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        Break(spec, problem);
        var before = await TotalAsync();

        await RpcAssert.InvalidArgumentAsync(field, () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);

        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task Schedule_NoSpec_InvalidArgumentNamingSpec()
    {
        await RpcAssert.InvalidArgumentAsync("spec", () => client.ScheduleAsync(new ScheduleRequest(), Admin).ResponseAsync);
    }

    [Fact]
    public async Task Schedule_MalformedInlineSpec_InvalidArgumentNamingFieldAndLine()
    {
        var spec = Specs.Inline();
        spec.InlineSpec = "version: 1\nscenarios:\n  api:\n    load:\n      rate: [oops\n";

        var ex = await RpcAssert.InvalidArgumentAsync("spec.inline_spec", () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);

        Assert.Matches(@"inline_spec:\d+", ex.Status.Detail);
    }

    [Fact]
    public async Task Schedule_RateOverQuota_ResourceExhaustedNamingTheLimit()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.Rate = ApiHostFixture.MaxRate + 1;
        var before = await TotalAsync();

        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);

        Assert.Contains("PerfFleet:Quotas:MaxRate", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task Schedule_SearchOverTheRateQuota_ResourceExhaustedNamingTheLimit_AndAGoodOneIsKept()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.Search = $"{{slo: {{p99: 50ms}}, from: 10, to: {ApiHostFixture.MaxRate + 1}}}";

        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);
        spec.Search = "{slo: {p99: 50ms}, from: 10, to: 20}";
        var scheduled = await client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin);

        Assert.Contains("PerfFleet:Quotas:MaxRate", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(spec.Search, (await client.GetAsync(new GetTestRequest { Id = scheduled.Id }, Admin)).Test.Spec.Search);
    }

    [Fact]
    public async Task Schedule_DurationOverQuota_ResourceExhaustedNamingTheLimit()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.Duration = Duration.FromTimeSpan(TimeSpan.FromHours(5));

        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);

        Assert.Contains("PerfFleet:Quotas:MaxDuration", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_TooManyActiveTestsOfOneRepository_ResourceExhaustedNamingTheLimit()
    {
        var repository = Specs.NewRepository();
        for (var i = 0; i < ApiHostFixture.MaxTestsPerRepository; i++)
        {
            await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin);
        }

        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin).ResponseAsync);

        Assert.Contains("PerfFleet:Quotas:MaxConcurrentTestsPerRepository", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ApiHostFixture.MaxTestsPerRepository, (await client.ListAsync(new ListTestsRequest { Repository = repository }, Admin)).Total);
    }

    [Fact]
    public async Task Schedule_RepositoryWithItsOwnLimits_IsJudgedByThemAndTheRefusalNamesItsEntry()
    {
        var repository = ApiHostFixture.TenantRepository;
        var tooFast = Specs.ForRepository(repository);
        tooFast.Rate = 5001;
        var pastItsTotal = Specs.ForRepository(repository);
        pastItsTotal.Rate = 3000;
        var tooLong = Specs.ForRepository(repository);
        tooLong.Duration = Duration.FromTimeSpan(TimeSpan.FromHours(3));

        var rate = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = tooFast }, Admin).ResponseAsync);
        var total = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = pastItsTotal }, Admin).ResponseAsync);
        var duration = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = tooLong }, Admin).ResponseAsync);

        Assert.Contains("limit of 5000/s (PerfFleet:Quotas:Repositories:0:MaxRate, for quota-tenant/shop)", rate.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("PerfFleet:Quotas:Repositories:0:MaxTotalRate, for quota-tenant/shop", total.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("PerfFleet:Quotas:Repositories:0:MaxDuration, for quota-tenant/shop", duration.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await client.ListAsync(new ListTestsRequest { Repository = repository }, Admin)).Total);

        // Past the global 1000/s and 10 minutes, within its own limits.
        var big = Specs.ForRepository(repository);
        big.Rate = 1500;
        big.Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(90));
        var scheduled = await client.ScheduleAsync(new ScheduleRequest { Spec = big }, Admin);
        var second = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin).ResponseAsync);

        Assert.Equal(1500, scheduled.Spec.Rate);
        Assert.Contains("the limit is 1 (PerfFleet:Quotas:Repositories:0:MaxConcurrentTests, for quota-tenant/shop)", second.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await client.ListAsync(new ListTestsRequest { Repository = repository }, Admin)).Total);

        // A repository's own limits apply to a change of rate as well.
        var update = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.UpdateAsync(new UpdateTestRequest { Id = scheduled.Id, Rate = 6000 }, Admin).ResponseAsync);
        Assert.Contains("PerfFleet:Quotas:Repositories:0:MaxRate, for quota-tenant/shop", update.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1500, (await client.GetAsync(new GetTestRequest { Id = scheduled.Id }, Admin)).Test.Spec.Rate);
    }

    [Fact]
    public async Task Schedule_UnregisteredRepositoryWithoutCloneUrl_InvalidArgumentNamingCloneUrl()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.CloneUrl = string.Empty;

        await RpcAssert.InvalidArgumentAsync("spec.clone_url", () => client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);
    }

    public static TheoryData<string> BadIds => new() { "", "not-a-uuid", "1; DROP TABLE load_tests", new string('a', 100_000) };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task IdMethods_NonUuidId_InvalidArgumentNamingId(string id)
    {
        await RpcAssert.InvalidArgumentAsync("id", () => client.GetAsync(new GetTestRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("id", () => client.StopAsync(new StopTestRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("id", () => client.UpdateAsync(new UpdateTestRequest { Id = id, Rate = 5 }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("id", () => client.RerunAsync(new RerunRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("id", async () =>
        {
            using var call = client.Watch(new WatchTestRequest { Id = id }, Admin);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    [Fact]
    public async Task IdMethods_UnknownId_NotFound()
    {
        var id = Guid.NewGuid().ToString();

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.GetAsync(new GetTestRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.StopAsync(new StopTestRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.UpdateAsync(new UpdateTestRequest { Id = id, Rate = 5 }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.RerunAsync(new RerunRequest { Id = id }, Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, async () =>
        {
            using var call = client.Watch(new WatchTestRequest { Id = id }, Admin);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    [Fact]
    public async Task Update_BadValues_RefusedAndStoredTestUnchanged()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);

        await RpcAssert.InvalidArgumentAsync("rate", () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Rate = -1 }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("rate", () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Rate = double.NaN }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("rate", () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("duration", () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(-5)) }, Admin).ResponseAsync);
        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Rate = ApiHostFixture.MaxRate * 10 }, Admin).ResponseAsync);
        Assert.Contains("PerfFleet:Quotas:MaxRate", ex.Status.Detail, StringComparison.Ordinal);

        var stored = (await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin)).Test;
        Assert.Equal(created.Spec.Rate, stored.Spec.Rate);
        Assert.Equal(created.Spec.Duration, stored.Spec.Duration);
        Assert.Equal(TestStatus.Scheduled, stored.Status);
    }

    [Fact]
    public async Task Update_StoppedTest_FailedPreconditionAndUnchanged()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);
        await client.StopAsync(new StopTestRequest { Id = created.Id }, Admin);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Rate = 5 }, Admin).ResponseAsync);

        Assert.Equal(created.Spec.Rate, (await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin)).Test.Spec.Rate);
    }

    [Theory]
    [InlineData("page_token", "not a token!")]
    [InlineData("page_token", "MTIzOmFiYw")]
    [InlineData("page_size", "")]
    [InlineData("commit", "")]
    [InlineData("id", "")]
    [InlineData("status", "")]
    public async Task List_BadFilter_InvalidArgumentNamingIt(string field, string token)
    {
        var request = new ListTestsRequest { PageToken = field == "page_token" ? token : string.Empty };
        switch (field)
        {
            case "page_size": request.PageSize = -1; break;
            case "commit": request.Commit = "xyz'; --"; break;
            case "id": request.Id = "zz-not-hex"; break;
            case "status": request.Status.Add((TestStatus)99); break;
        }

        await RpcAssert.InvalidArgumentAsync(field, () => client.ListAsync(request, Admin).ResponseAsync);
    }

    [Fact]
    public async Task History_MissingFields_InvalidArgumentNamingThem()
    {
        await RpcAssert.InvalidArgumentAsync("repository", () => client.HistoryAsync(new HistoryRequest { Query = "p99" }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("query", () => client.HistoryAsync(new HistoryRequest { Repository = "a/b" }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("limit", () => client.HistoryAsync(new HistoryRequest { Repository = "a/b", Query = "p99", Limit = -3 }, Admin).ResponseAsync);
    }

    private static void Break(LoadTestSpec spec, string problem)
    {
        switch (problem)
        {
            case "missing-commit": spec.Commit = string.Empty; break;
            case "short-commit": spec.Commit = "abc12"; break;
            case "non-hex-commit": spec.Commit = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"; break;
            case "sql-commit": spec.Commit = "abcdef1'; DROP TABLE load_tests; --"; break;
            case "negative-rate": spec.Rate = -10; break;
            case "nan-rate": spec.Rate = double.NaN; break;
            case "bad-repository": spec.Repository = "../../etc/passwd"; break;
            case "huge-repository": spec.Repository = new string('a', 50_000) + "/b"; break;
            case "option-clone-url": spec.CloneUrl = "--upload-pack=touch /tmp/pwned"; break;
            case "spaced-clone-url": spec.CloneUrl = "https://example.invalid/a b.git"; break;
            case "zero-duration": spec.Duration = new Duration(); break;
            case "bad-scenario": spec.Scenario = "api; rm -rf /"; break;
            case "priority": spec.Priority = int.MaxValue; break;
            case "tag": spec.Tag = "tag with spaces"; break;
            case "search-no-unit": spec.Search = "{slo: {p99: 50}, from: 1, to: 2}"; break;
            case "search-yaml": spec.Search = "{slo: [oops"; break;
            case "search-unknown-key": spec.Search = "{slo: {p99: 50ms}, from: 1, to: 2, rm: -rf}"; break;
            case "search-huge": spec.Search = "{slo: {p99: 50ms}, from: 1, to: 2}" + new string(' ', 5000); break;
            case "pull-request": spec.PullRequest = -4; break;
            case "branch-control": spec.Branch = "main\r\nX-Injected: 1"; break;
            case "nothing": spec.Repository = string.Empty; spec.CloneUrl = string.Empty; break;
            case "inline-huge": spec.Repository = string.Empty; spec.CloneUrl = string.Empty; spec.InlineSpec = new string('#', 300 * 1024); break;
            case "inline-unknown-scenario": spec.Repository = string.Empty; spec.CloneUrl = string.Empty; spec.InlineSpec = Specs.InlineScenario; spec.Scenario = "missing"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown problem");
        }
    }

    // Tests of one class run one after another, so the total moves only with this test's calls.
    private async Task<int> TotalAsync() => (await client.ListAsync(new ListTestsRequest(), Admin)).Total;
}
