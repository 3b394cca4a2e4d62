using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>Reports through the outbox to the recording GitHub: delivered, retried, never lost.</summary>
public sealed class OutboxProcessorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(ReportingTestServices.Start);
    private readonly InMemoryOutboxStore _store = new();
    private readonly SwitchableLeadership _leadership = new();
    private RecordingGitHubServer _gitHub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await RecordingGitHubServer.StartAsync();
        _services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?> { ["PerfFleet:GitHub:MaxAttempts"] = "1" }, _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    [Fact]
    public async Task RunOnceAsync_CompletedRegression_SendsStatusCommentAndAlert()
    {
        Enqueue(Samples.CompletedPullRequestTest());

        var sent = await Processor().RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, sent);
        Assert.All(_store.Rows, r => Assert.Equal(InMemoryOutboxStore.RowState.Done, r.State));
        var status = JsonNode.Parse(_gitHub.Requests.Single(r => r.PathAndQuery.Contains("/statuses/", StringComparison.Ordinal)).Body)!;
        Assert.Equal("failure", status["state"]!.GetValue<string>());
        Assert.Equal("perffleet/api", status["context"]!.GetValue<string>());
        Assert.Equal("https://perf.example/tests/t1", status["target_url"]!.GetValue<string>());
        Assert.StartsWith("regression in 1 of 2: p99|ms +25.0%", status["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var comment = Assert.Single(_gitHub.CommentsOn(7));
        Assert.Contains("| p99\\|ms | 100 | 125 | +25.0%", comment.Body, StringComparison.Ordinal);
        var alert = JsonNode.Parse(_gitHub.Requests.Single(r => r.PathAndQuery == RecordingGitHubServer.AlertPath).Body)!;
        Assert.StartsWith("PerfFleet regression in octo/app `api` (PR #7): p99|ms +25.0%", alert["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("regression", alert["verdict"]!.GetValue<string>());
        Assert.Equal(125, alert["metrics"]![0]!["test_median"]!.GetValue<double>());
    }

    [Fact]
    public async Task RunOnceAsync_ReRunOfSamePullRequest_EditsCommentInPlace()
    {
        Enqueue(Samples.CompletedPullRequestTest());
        await Processor().RunOnceAsync(CancellationToken.None);
        Enqueue(Samples.CompletedPullRequestTest());

        await Processor().RunOnceAsync(CancellationToken.None);

        Assert.Single(_gitHub.CommentsOn(7));
        Assert.Single(_gitHub.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task RunOnceAsync_GitHubOutage_SchedulesRetryAndDeliversLater()
    {
        Enqueue(Samples.CompletedPullRequestTest());
        _gitHub.FailNext("POST", "/repos/octo/app/statuses/", 502);

        var firstPass = await Processor().RunOnceAsync(CancellationToken.None);
        var waiting = _store.Rows.Single(r => r.Kind == OutboxMessage.CommitStatusKind);
        var nothingDueYet = await Processor().RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var afterBackoff = await Processor().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, firstPass);
        Assert.Equal(InMemoryOutboxStore.RowState.Waiting, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.InRange(waiting.DueAt - ReportingTestServices.Start, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)); // base 10 s, equal jitter
        Assert.Contains("502", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(0, nothingDueYet);
        Assert.Equal(1, afterBackoff);
        Assert.All(_store.Rows, r => Assert.Equal(InMemoryOutboxStore.RowState.Done, r.State));
        Assert.Equal(2, _gitHub.Requests.Count(r => r.PathAndQuery.Contains("/statuses/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunOnceAsync_RateLimitedForAnHour_RetriesNoSoonerThanGitHubAsked()
    {
        Enqueue(Samples.CompletedPullRequestTest());
        _gitHub.FailNext("POST", "/repos/octo/app/statuses/", 429, new Dictionary<string, string> { ["Retry-After"] = "3600" });

        await Processor().RunOnceAsync(CancellationToken.None);

        var waiting = _store.Rows.Single(r => r.Kind == OutboxMessage.CommitStatusKind);
        Assert.Equal(ReportingTestServices.Start.AddHours(1), waiting.DueAt);
    }

    [Fact]
    public async Task RunOnceAsync_PermanentError_MarksFailedWithoutRetry()
    {
        Enqueue(Samples.CompletedPullRequestTest());
        _gitHub.FailNext("POST", "/repos/octo/app/statuses/", 422);

        await Processor().RunOnceAsync(CancellationToken.None);

        var failed = _store.Rows.Single(r => r.Kind == OutboxMessage.CommitStatusKind);
        Assert.Equal(InMemoryOutboxStore.RowState.Failed, failed.State);
        Assert.Contains("422", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_UnknownKind_MarksFailed()
    {
        _store.Add([new OutboxMessage("carrier.pigeon", "{}")], ReportingTestServices.Start);

        await Processor().RunOnceAsync(CancellationToken.None);

        Assert.Equal(InMemoryOutboxStore.RowState.Failed, Assert.Single(_store.Rows).State);
    }

    [Fact]
    public async Task RunOnceAsync_NotLeader_SendsNothing()
    {
        Enqueue(Samples.CompletedPullRequestTest());
        _leadership.IsLeader = false;

        var sent = await Processor().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Empty(_gitHub.Requests);
        Assert.All(_store.Rows, r => Assert.Equal(InMemoryOutboxStore.RowState.Waiting, r.State));
    }

    // Never started as a hosted service here: the tests drive single passes.
    private OutboxProcessor Processor() =>
        new(_store, _leadership, _services.GetRequiredService<ReportDispatcher>(), _services.GetRequiredService<IOptions<OutboxOptions>>(), _time, NullLogger<OutboxProcessor>.Instance);

    private void Enqueue(LoadTest test)
    {
        var factory = _services.GetRequiredService<ReportMessageFactory>();
        _store.Add(factory.ForCompletedTest(new CompletedTestReport(test, Samples.Regression(), null, null)), _time.GetUtcNow());
    }
}
