using System.Net;
using System.Net.Http.Json;
using System.Text;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Webhooks;

/// <summary>The shared GitHub payloads, signed, through the real endpoint on a running host.</summary>
public sealed class GitHubWebhookEndpointTests : IAsyncLifetime
{
    private const string PushAfter = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private const string PullRequestHead = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private WebhookTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_PushToDefaultBranch_SchedulesOneBaselinePerScenario()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("push.with-new-branch.json"), "push");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tests = _host.Sink.Tests;
        Assert.Equal(["api", "checkout"], tests.Select(t => t.Spec.Scenario).Order());
        Assert.All(tests, t =>
        {
            Assert.Equal(TestKind.Baseline, t.Spec.Kind);
            Assert.Equal(PushAfter, t.Spec.Commit);
            Assert.Equal(WebhookTestHost.Repository, t.Spec.Repository);
            Assert.Equal("https://github.com/Codertocat/Hello-World.git", t.Spec.CloneUrl);
            Assert.Equal("master", t.Spec.Branch);
            Assert.Equal(0, t.Spec.PullRequest);
        });
        Assert.Equal("push", Assert.Single(_host.Sink.Deliveries).Event);
    }

    [Fact]
    public async Task Post_TagDeletionPush_AcceptsAndSchedulesNothing()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("push.json"), "push");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_PushToOtherBranch_AcceptsAndSchedulesNothing()
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("push.with-new-branch.json"), "\"ref\": \"refs/heads/master\"", "\"ref\": \"refs/heads/feature\"");

        using var response = await _host.SendAsync(body, "push");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("not the default branch", (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!.Reason, StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Theory]
    [InlineData("pull_request.opened.json")]
    [InlineData("pull_request.synchronize.json")]
    [InlineData("pull_request.reopened.json")]
    public async Task Post_PullRequestOpenedOrUpdated_SchedulesOneTestPerScenarioAtHead(string payload)
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload(payload), "pull_request");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tests = _host.Sink.Tests;
        Assert.Equal(2, tests.Count);
        Assert.All(tests, t =>
        {
            Assert.Equal(TestKind.Test, t.Spec.Kind);
            Assert.Equal(PullRequestHead, t.Spec.Commit);
            Assert.Equal(2, t.Spec.PullRequest);
            Assert.Equal("changes", t.Spec.Branch);
            Assert.False(t.IsRerun);
        });
    }

    [Fact]
    public async Task Post_PullRequestLabeled_AcceptsAndSchedulesNothing()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.labeled.json"), "pull_request");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
        Assert.Empty(_host.Sink.Stops);
    }

    [Fact]
    public async Task Post_PullRequestClosed_StopsItsRunsAndSchedulesNothing()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.closed.json"), "pull_request");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
        Assert.Equal(("Codertocat/Hello-World", 2, (string?)null, "pull request #2 closed"), Assert.Single(_host.Sink.Stops));
    }

    [Fact]
    public async Task Post_ConvertedToDraft_StopsItsRunsUnlessDraftsAreRun()
    {
        var draft = WebhookTestHost.Edit(WebhookTestHost.Payload("pull_request.opened.json"), "\"action\": \"opened\"", "\"action\": \"converted_to_draft\"");

        using var stopped = await _host.SendAsync(draft, "pull_request");
        await using var runsDrafts = await WebhookTestHost.StartAsync(runDrafts: true);
        using var ignored = await runsDrafts.SendAsync(draft, "pull_request");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Accepted), (stopped.StatusCode, ignored.StatusCode));
        Assert.Single(_host.Sink.Stops);
        Assert.Empty(runsDrafts.Sink.Stops);
    }

    [Fact]
    public async Task Post_DraftPullRequest_IsSkippedUnlessConfigured()
    {
        var draft = WebhookTestHost.Edit(WebhookTestHost.Payload("pull_request.opened.json"), "\"draft\": false", "\"draft\": true");

        using var skipped = await _host.SendAsync(draft, "pull_request");
        await using var runsDrafts = await WebhookTestHost.StartAsync(runDrafts: true);
        using var run = await runsDrafts.SendAsync(draft, "pull_request");

        Assert.Equal(HttpStatusCode.Accepted, skipped.StatusCode);
        Assert.Empty(_host.Sink.Tests);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(2, runsDrafts.Sink.Tests.Count);
    }

    [Fact]
    public async Task Post_Redelivery_AnswersOkAndCreatesNothingNew()
    {
        var body = WebhookTestHost.Payload("pull_request.opened.json");

        using var first = await _host.SendAsync(body, "pull_request", "delivery-1");
        using var second = await _host.SendAsync(body, "pull_request", "delivery-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<WebhookAnswer>())!.Outcome);
        Assert.Equal(2, _host.Sink.Tests.Count);
    }

    [Fact]
    public async Task Post_WrongSignature_Unauthorized()
    {
        var body = WebhookTestHost.Payload("pull_request.opened.json");

        using var otherSecret = await _host.SendAsync(body, "pull_request", secret: "not the secret");
        using var garbage = await _host.SendAsync(body, "pull_request", signature: "sha256=00");
        using var missing = await _host.SendAsync(body, "pull_request", signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, otherSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("X-Hub-Signature-256", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_SignatureOfOtherBody_Unauthorized()
    {
        var signed = WebhookTestHost.Payload("pull_request.opened.json");
        var tampered = WebhookTestHost.Edit(signed, PullRequestHead, "0123456789012345678901234567890123456789");

        using var response = await _host.SendAsync(tampered, "pull_request", signature: WebhookSignature.Compute(WebhookTestHost.Secret, signed));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_MissingEventHeader_BadRequestNamingHeader()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.opened.json"), eventName: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-GitHub-Event", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_TruncatedBody_BadRequestSayingNotJson()
    {
        var full = WebhookTestHost.Payload("pull_request.opened.json");

        using var response = await _host.SendAsync(full[..(full.Length / 2)], "pull_request");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_BodyNotOfDeclaredEvent_BadRequestNamingField()
    {
        // A pull_request payload declared as a push: it has no 'after'.
        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.opened.json"), "push");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'ref' must be a string", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_OversizedBody_PayloadTooLarge()
    {
        var body = new byte[(5 * 1024 * 1024) + 1];
        Array.Fill(body, (byte)' ');

        using var response = await _host.SendAsync(body, "push");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_UnknownEvent_AcceptedAndNothingStored()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.labeled.json"), "star");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("'star'", (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!.Reason, StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_Ping_OkAndNothingStored()
    {
        using var response = await _host.SendAsync(WebhookTestHost.Payload("ping.json"), "ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!.Outcome);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_UnregisteredRepository_AcceptedAndNothingStored()
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("push.with-new-branch.json"), "\"full_name\": \"Codertocat/Hello-World\"", "\"full_name\": \"someone/else\"");

        using var response = await _host.SendAsync(body, "push");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("not registered", (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!.Reason, StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_StorageDown_ServiceUnavailableSoGitHubCanRedeliver()
    {
        _host.Sink.FailWith = new InvalidOperationException("database is restarting");

        using var response = await _host.SendAsync(WebhookTestHost.Payload("pull_request.opened.json"), "pull_request");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("redeliver", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HugeCommentBody_AcceptedQuicklyAsNotACommand()
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("issue_comment.created.on-pull-request.json"), "\"body\": \"/perf rerun\"", "\"body\": \"/perf rerun" + new string(' ', 2_000_000) + "x\"");

        using var response = await _host.SendAsync(body, "issue_comment");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_host.Sink.Deliveries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"repository\": 5}")]
    [InlineData("{\"repository\": {\"full_name\": \"Codertocat/Hello-World\"}}")]
    [InlineData("{\"repository\": {\"full_name\": \"Codertocat/Hello-World\"}, \"ref\": \"refs/heads/master\", \"after\": \"not-a-sha\"}")]
    [InlineData("{\"repository\": {\"full_name\": \"Codertocat/Hello-World\"}, \"action\": \"opened\", \"number\": 1e400}")]
    [InlineData("\uFEFF{")]
    public async Task Post_HostileBodies_NeverServerError(string text)
    {
        foreach (var eventName in new[] { "push", "pull_request", "issue_comment", "ping" })
        {
            using var response = await _host.SendAsync(Encoding.UTF8.GetBytes(text), eventName);

            Assert.True((int)response.StatusCode is 202 or 400 or 200, $"{eventName} {text}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Empty(_host.Sink.Deliveries);
    }
}
