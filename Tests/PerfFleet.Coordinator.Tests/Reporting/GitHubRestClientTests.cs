using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class GitHubRestClientTests : IAsyncLifetime
{
    private RecordingGitHubServer _gitHub = null!;
    private ServiceProvider _services = null!;

    private GitHubRestClient Client => _services.GetRequiredService<GitHubRestClient>();

    public async Task InitializeAsync()
    {
        _gitHub = await RecordingGitHubServer.StartAsync();
        // Retries really wait (Retry-After), so timers must run: real time from a fixed start.
        _services = ReportingTestServices.Create(_gitHub, time: new ShiftedSystemTimeProvider(ReportingTestServices.Start));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    [Fact]
    public async Task CreateCommitStatusAsync_SendsStatusBodyWithToken()
    {
        await Client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Failure, "perffleet/api", "regression", "https://perf.example/t1"), null, CancellationToken.None);

        var request = Assert.Single(_gitHub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/repos/octo/app/statuses/{Samples.Sha}", request.PathAndQuery);
        Assert.Equal("Bearer global-token", request.Authorization);
        Assert.Contains("PerfFleet", request.UserAgent, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("failure", body["state"]!.GetValue<string>());
        Assert.Equal("perffleet/api", body["context"]!.GetValue<string>());
        Assert.Equal("regression", body["description"]!.GetValue<string>());
        Assert.Equal("https://perf.example/t1", body["target_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCommitStatusAsync_RepositoryToken_WinsOverGlobalToken()
    {
        await using var services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?> { ["PerfFleet:Repositories:0:GitHubToken"] = "repo-token" });

        await services.GetRequiredService<GitHubRestClient>().CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), null, CancellationToken.None);

        var request = Assert.Single(_gitHub.Requests);
        Assert.Equal("Bearer repo-token", request.Authorization);
        Assert.Null(JsonNode.Parse(request.Body)!["target_url"]);
    }

    [Fact]
    public async Task CreateCommitStatusAsync_BadGatewayOnce_RetriedAndArrives()
    {
        _gitHub.FailNext("POST", "/repos/octo/app/statuses/", 502);

        await Client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), null, CancellationToken.None);

        Assert.Equal(2, _gitHub.Requests.Count);
        Assert.All(_gitHub.Requests, r => Assert.Contains("\"state\":\"success\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateCommitStatusAsync_RateLimitedWithRetryAfter_WaitsAndArrives()
    {
        _gitHub.FailNext("POST", "/repos/", 403, new Dictionary<string, string> { ["Retry-After"] = "1" });
        var clock = Stopwatch.StartNew();

        await Client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), null, CancellationToken.None);

        Assert.Equal(2, _gitHub.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task CreateCommitStatusAsync_ForbiddenWithoutRateLimit_NotRetriedAndPermanent()
    {
        _gitHub.FailNext("POST", "/repos/", 403);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() =>
            Client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), null, CancellationToken.None));

        Assert.Single(_gitHub.Requests);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCommitStatusAsync_RateLimitResetFarAhead_LeavesRetryToOutbox()
    {
        var reset = ReportingTestServices.Start.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _gitHub.FailNext("POST", "/repos/", 403, new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() =>
            Client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), null, CancellationToken.None));

        Assert.Single(_gitHub.Requests);
        Assert.True(error.IsTransient);
        // The clock runs (the retry tests need real timers): the reset is an hour after the start, less the time the call took.
        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter.Value, TimeSpan.FromHours(1) - TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task ListIssueCommentsAsync_MoreThanOnePage_ReadsAllPages()
    {
        for (var i = 0; i < 150; i++)
        {
            _gitHub.AddComment(7, "comment " + i);
        }

        var comments = await Client.ListIssueCommentsAsync("octo/app", 7, null, CancellationToken.None);

        Assert.Equal(150, comments.Count);
        Assert.Equal("comment 149", comments[^1].Body);
        Assert.Equal(["/repos/octo/app/issues/7/comments?per_page=100&page=1", "/repos/octo/app/issues/7/comments?per_page=100&page=2"], _gitHub.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task GetPullRequestAsync_UnknownPullRequest_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<GitHubApiException>(() => Client.GetPullRequestAsync("octo/app", 99, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsTransient);
    }
}
