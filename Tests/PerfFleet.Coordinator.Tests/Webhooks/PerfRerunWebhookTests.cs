using System.Net;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Webhooks;

/// <summary><c>/perf rerun</c> comments: the head comes from GitHub (the fake one), the author must be trusted.</summary>
public sealed class PerfRerunWebhookTests : IAsyncLifetime
{
    private const string CurrentHead = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private WebhookTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WebhookTestHost.StartAsync();
        _host.GitHub.PullRequests[1] = (CurrentHead, "feature");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_RerunCommentFromOwner_SchedulesRerunAtCurrentHead()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("issue_comment.created.on-pull-request.json"), "issue_comment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tests = _host.Sink.Tests;
        Assert.Equal(2, tests.Count);
        Assert.All(tests, t =>
        {
            Assert.True(t.IsRerun);
            Assert.Equal(CurrentHead, t.Spec.Commit);
            Assert.Equal(1, t.Spec.PullRequest);
            Assert.Equal(TestKind.Test, t.Spec.Kind);
        });
        var lookup = Assert.Single(_host.GitHub.Requests);
        Assert.Equal("/repos/Codertocat/Hello-World/pulls/1", lookup.PathAndQuery);
        Assert.Equal("Bearer repo-token", lookup.Authorization);
    }

    [Fact]
    public async Task Post_RerunNamingScenario_SchedulesOnlyThatScenario()
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("issue_comment.created.on-pull-request.json"), "\"body\": \"/perf rerun\"", "\"body\": \"/perf rerun checkout\"");

        using var response = await _host.SendAsync(body, "issue_comment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("checkout", Assert.Single(_host.Sink.Tests).Spec.Scenario);
    }

    [Theory]
    [InlineData("CONTRIBUTOR")]
    [InlineData("NONE")]
    [InlineData("FIRST_TIME_CONTRIBUTOR")]
    public async Task Post_RerunFromUntrustedAuthor_AcceptedAndNothingScheduled(string association)
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("issue_comment.created.on-pull-request.json"), "\"author_association\": \"OWNER\"", $"\"author_association\": \"{association}\"");

        using var response = await _host.SendAsync(body, "issue_comment");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
        Assert.Empty(_host.GitHub.Requests);
    }

    [Fact]
    public async Task Post_CommentOnPlainIssue_AcceptedAndNothingScheduled()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("issue_comment.created.json"), "issue_comment");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_RerunRedelivered_DoesNotAskGitHubAgain()
    {
        var body = WebhookTestHost.Payload("issue_comment.created.on-pull-request.json");

        using var first = await _host.SendAsync(body, "issue_comment", "rerun-1");
        using var second = await _host.SendAsync(body, "issue_comment", "rerun-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, _host.Sink.Tests.Count);
        Assert.Single(_host.GitHub.Requests);
    }

    [Fact]
    public async Task Post_RerunWhileGitHubDown_ServiceUnavailableAndNothingStored()
    {
        _host.GitHub.FailNext("GET", "/repos/", 502);
        _host.GitHub.FailNext("GET", "/repos/", 502);

        using var response = await _host.SendAsync(WebhookTestHost.Payload("issue_comment.created.on-pull-request.json"), "issue_comment");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("redeliver", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }
}
