using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>The admin API's LoadTests methods on a running coordinator, each used as the CLI uses it.</summary>
public sealed class LoadTestsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private readonly PerfFleet.Contracts.V1.LoadTests.LoadTestsClient client = fixture.Host.LoadTests;
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;

    [Fact]
    public async Task Schedule_RepositorySpec_StoresScheduledTestReadableWithGet()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());

        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin);
        var details = await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin);

        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal(TestStatus.Scheduled, created.Status);
        Assert.Equal(spec.Commit, details.Test.Spec.Commit);
        Assert.Equal(spec.Repository, details.Test.Spec.Repository);
        Assert.Equal(100, details.Test.Spec.Rate);
        Assert.Contains(details.Timeline, e => e.Test.Status == TestStatus.Scheduled);
        Assert.Contains(created.Id, created.WebUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_InlineSpec_StoresAdhocTest()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.Inline() }, Admin);

        var details = await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin);
        Assert.Equal(TestKind.Adhoc, details.Test.Spec.Kind);
        Assert.Equal(Specs.InlineScenario, details.Test.Spec.InlineSpec);
    }

    [Fact]
    public async Task Update_ScheduledTest_ChangesRateAndDuration()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);

        var updated = await client.UpdateAsync(new UpdateTestRequest { Id = created.Id, Rate = 250, Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(2)) }, Admin);

        var stored = (await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin)).Test;
        Assert.Equal(250, updated.Spec.Rate);
        Assert.Equal(250, stored.Spec.Rate);
        Assert.Equal(TimeSpan.FromMinutes(2), stored.Spec.Duration.ToTimeSpan());
        Assert.Equal(TestStatus.Scheduled, stored.Status);
    }

    [Fact]
    public async Task Stop_ScheduledTest_GoesStraightToStoppedAndStaysThere()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);

        var stopped = await client.StopAsync(new StopTestRequest { Id = created.Id, Reason = "not needed" }, Admin);
        var again = await client.StopAsync(new StopTestRequest { Id = created.Id, Reason = "twice" }, Admin);

        Assert.Equal(TestStatus.Stopped, stopped.Status);
        Assert.Equal(TestStatus.Stopped, again.Status);
        var details = await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin);
        Assert.Equal(TestStatus.Stopped, details.Test.Status);
        Assert.Null(details.Test.StartedAt);
        Assert.DoesNotContain(details.Timeline, e => e.Test.Status is TestStatus.Assigned or TestStatus.Running);
        Assert.Single(details.Timeline, e => e.Test.Status == TestStatus.Stopped);
    }

    [Fact]
    public async Task List_EachFilter_ReturnsOnlyMatchingTests()
    {
        var repository = Specs.NewRepository();
        var baseline = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository, kind: TestKind.Baseline, scenario: "checkout") }, Admin);
        var test = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin);
        await client.StopAsync(new StopTestRequest { Id = test.Id }, Admin);

        async Task<IReadOnlyList<string>> Ids(ListTestsRequest request)
        {
            request.Repository = request.Repository.Length == 0 ? repository : request.Repository;
            return [.. (await client.ListAsync(request, Admin)).Tests.Select(t => t.Id)];
        }

        Assert.Equal([test.Id, baseline.Id], await Ids(new ListTestsRequest()));
        Assert.Equal([baseline.Id], await Ids(new ListTestsRequest { Status = { TestStatus.Scheduled } }));
        Assert.Equal([test.Id], await Ids(new ListTestsRequest { Status = { TestStatus.Stopped, TestStatus.Failed } }));
        Assert.Equal([baseline.Id], await Ids(new ListTestsRequest { Kind = TestKind.Baseline }));
        Assert.Equal([baseline.Id], await Ids(new ListTestsRequest { Scenario = "checkout" }));
        Assert.Equal([test.Id], await Ids(new ListTestsRequest { Commit = test.Spec.Commit[..10] }));
        Assert.Equal([test.Id], await Ids(new ListTestsRequest { Id = test.Id }));
        Assert.Equal([test.Id], await Ids(new ListTestsRequest { Id = test.Id[..13] }));
        Assert.Empty(await Ids(new ListTestsRequest { Repository = "nobody/nothing" }));
    }

    [Fact]
    public async Task List_Paging_VisitsEveryTestOnceNewestFirst()
    {
        var repository = Specs.NewRepository();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin);
            ids.Add(created.Id);
            await client.StopAsync(new StopTestRequest { Id = created.Id }, Admin); // stay under the repository quota
        }

        var seen = new List<string>();
        var request = new ListTestsRequest { Repository = repository, PageSize = 2 };
        var pages = 0;
        do
        {
            var page = await client.ListAsync(request, Admin);
            Assert.Equal(3, page.Total);
            seen.AddRange(page.Tests.Select(t => t.Id));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0 && pages < 10);

        Assert.Equal(2, pages);
        ids.Reverse();
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Watch_TestStoppedWhileWatched_StreamsUntilTerminalState()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = client.Watch(new WatchTestRequest { Id = created.Id }, Admin, cancellationToken: timeout.Token);

        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(TestStatus.Scheduled, call.ResponseStream.Current.Test.Status);
        await client.StopAsync(new StopTestRequest { Id = created.Id }, Admin);

        var statuses = new List<TestStatus>();
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            statuses.Add(call.ResponseStream.Current.Test.Status);
        }

        Assert.Equal(TestStatus.Stopped, statuses[^1]);
    }

    [Fact]
    public async Task Rerun_FinishedTest_CreatesNewScheduledTestPointingBack()
    {
        var created = await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(Specs.NewRepository()) }, Admin);
        await client.StopAsync(new StopTestRequest { Id = created.Id }, Admin);

        var rerun = await client.RerunAsync(new RerunRequest { Id = created.Id }, Admin);

        Assert.NotEqual(created.Id, rerun.Id);
        Assert.Equal(created.Id, rerun.RerunOf);
        Assert.Equal(TestStatus.Scheduled, rerun.Status);
        Assert.Equal(created.Spec.Commit, rerun.Spec.Commit);
        Assert.Equal(TestStatus.Stopped, (await client.GetAsync(new GetTestRequest { Id = created.Id }, Admin)).Test.Status);
    }

    [Fact]
    public async Task History_RepositoryWithoutCompletedBaselines_IsEmpty()
    {
        var repository = Specs.NewRepository();
        await client.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository, kind: TestKind.Baseline) }, Admin);

        var history = await client.HistoryAsync(new HistoryRequest { Repository = repository, Scenario = "api", Query = "p99_latency_ms" }, Admin);

        Assert.Empty(history.Baselines);
        Assert.Empty(history.Tests);
    }
}
