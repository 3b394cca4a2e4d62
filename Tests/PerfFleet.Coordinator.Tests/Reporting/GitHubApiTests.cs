using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Webhooks;
using PerfFleet.Testing.Waiting;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// What GitHub (the recording server) receives from PerfFleet's Octokit calls, and how failures
/// are retried in the call (Polly, on fake time) or left to the outbox.
/// </summary>
public sealed class GitHubApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new(ReportingTestServices.Start);
    private RecordingGitHubServer _gitHub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await RecordingGitHubServer.StartAsync();
        _services = ReportingTestServices.Create(_gitHub, time: _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    [Fact]
    public async Task SendStatus_SendsStatusBodyWithToken()
    {
        await SendStatusAsync(_services, new CommitStatus(CommitState.Failure, "perffleet/api", "regression", "https://perf.example/t1"));

        var request = Assert.Single(_gitHub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/repos/octo/app/statuses/{Samples.Sha}", request.PathAndQuery);
        Assert.Equal("Bearer global-token", request.Authorization);
        Assert.StartsWith("PerfFleet/1.0", request.UserAgent, StringComparison.Ordinal);
        Assert.Equal("2022-11-28", request.ApiVersion);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("failure", body["state"]!.GetValue<string>());
        Assert.Equal("perffleet/api", body["context"]!.GetValue<string>());
        Assert.Equal("regression", body["description"]!.GetValue<string>());
        Assert.Equal("https://perf.example/t1", body["target_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendStatus_RepositoryToken_WinsOverGlobalToken()
    {
        await using var services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?> { ["PerfFleet:Repositories:0:GitHubToken"] = "repo-token" });

        await SendStatusAsync(services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null));

        var request = Assert.Single(_gitHub.Requests);
        Assert.Equal("Bearer repo-token", request.Authorization);
        Assert.Equal("pending", JsonNode.Parse(request.Body)!["state"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(request.Body)!["target_url"]);
    }

    [Fact]
    public async Task SendStatus_ApiBaseUrlWithPath_IsUsedAsConfigured()
    {
        // GitHub Enterprise Server: https://HOST/api/v3/; the requests go below that path, not below the host.
        await using var services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?> { ["PerfFleet:GitHub:ApiBaseUrl"] = new Uri(_gitHub.BaseUrl, "api/v3/").ToString() });

        await Assert.ThrowsAsync<GitHubApiException>(() => SendStatusAsync(services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null)));

        Assert.Equal($"/api/v3/repos/octo/app/statuses/{Samples.Sha}", Assert.Single(_gitHub.Requests).PathAndQuery);
    }

    [Fact]
    public async Task SendStatus_BadGatewayOnce_RetriedAfterTheBackoffAndArrives()
    {
        _gitHub.FailNext("POST", "/repos/octo/app/statuses/", 502);

        var waited = await FakeClock.AdvanceUntilDoneAsync(_time, SendStatusAsync(_services, Success), Step, TimeSpan.FromMinutes(1));

        Assert.Equal(2, _gitHub.Requests.Count);
        Assert.All(_gitHub.Requests, r => Assert.Equal("success", JsonNode.Parse(r.Body)!["state"]!.GetValue<string>()));
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)); // the first backoff is 1 s
    }

    [Fact]
    public async Task SendStatus_RateLimitedWithRetryAfter_WaitsAsAskedAndArrives()
    {
        _gitHub.FailNext("POST", "/repos/", 403, new Dictionary<string, string> { ["Retry-After"] = "2" });

        var waited = await FakeClock.AdvanceUntilDoneAsync(_time, SendStatusAsync(_services, Success), Step, TimeSpan.FromMinutes(1));

        Assert.Equal(2, _gitHub.Requests.Count);
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task SendStatus_ServerErrorsThroughout_GivesUpAfterMaxAttemptsAsTransient()
    {
        for (var i = 0; i < 5; i++)
        {
            _gitHub.FailNext("POST", "/repos/", 503);
        }

        var call = SendStatusAsync(_services, Success);
        var error = await Assert.ThrowsAsync<GitHubApiException>(() => FakeClock.AdvanceUntilDoneAsync(_time, call, Step, TimeSpan.FromMinutes(1)));

        Assert.Equal(4, _gitHub.Requests.Count); // PerfFleet:GitHub:MaxAttempts
        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendStatus_ForbiddenWithoutRateLimit_NotRetriedAndPermanent()
    {
        _gitHub.FailNext("POST", "/repos/", 403, message: "Resource not accessible by integration");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => SendStatusAsync(_services, Success));

        Assert.Single(_gitHub.Requests);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by integration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendStatus_RateLimitResetFarAhead_LeavesRetryToOutbox()
    {
        var reset = ReportingTestServices.Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _gitHub.FailNext("POST", "/repos/", 403, new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset }, "API rate limit exceeded for installation");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => SendStatusAsync(_services, Success));

        Assert.Single(_gitHub.Requests);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
    }

    [Fact]
    public async Task SendStatus_SecondaryRateLimitWithoutRetryAfter_TransientAfterAMinute()
    {
        _gitHub.FailNext("POST", "/repos/", 403, message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => SendStatusAsync(_services, Success));

        Assert.Single(_gitHub.Requests); // a minute is past MaxRetryDelay: the outbox waits, not the call
        Assert.True(error.IsTransient);
        Assert.Equal(GitHubRetryAdvice.SecondaryRateLimitWait, error.RetryAfter);
    }

    [Fact]
    public async Task SendStatus_NoAnswerInTime_TransientAfterTheRequestTimeout()
    {
        await using var services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?> { ["PerfFleet:GitHub:MaxAttempts"] = "1", ["PerfFleet:GitHub:RequestTimeout"] = "00:00:01" });
        _gitHub.StallNext("POST", "/repos/");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => SendStatusAsync(services, Success).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains("no answer in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolvePullRequestHead_UnknownPullRequest_PermanentNotFound()
    {
        var resolver = _services.GetRequiredService<IPullRequestHeadResolver>();
        var repository = await _services.GetRequiredService<IRepositoryRegistry>().FindAsync("octo/app", CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => resolver.ResolveAsync(repository!, 99, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("/repos/octo/app/pulls/99", Assert.Single(_gitHub.Requests).PathAndQuery);
    }

    private static CommitStatus Success => new(CommitState.Success, "perffleet/api", "ok", null);

    /// <summary>A commit status through the outbox's dispatcher, as the leader sends it.</summary>
    internal static Task SendStatusAsync(IServiceProvider services, CommitStatus status, long? installationId = null) =>
        services.GetRequiredService<ReportDispatcher>().SendAsync(
            new OutboxItem(1, OutboxMessage.CommitStatusKind, ReportJson.Serialize(new CommitStatusReport("octo/app", Samples.Sha, installationId, status)), 0),
            CancellationToken.None);
}
