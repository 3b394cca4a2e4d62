using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Webhooks;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.WebhooksDb;

/// <summary>
/// A new push to a pull request stops the runs of its older heads (superseded, and the older
/// commit's status says so); closing it stops them all. Other pull requests, baselines and
/// finished runs are left alone. Each test uses its own pull request number and commits.
/// </summary>
public sealed class PullRequestLifeCycleTests(WebhookDatabaseFixture fixture) : IClassFixture<WebhookDatabaseFixture>
{
    private const string PayloadHead = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static int nextPullRequest = 700;

    [Fact]
    public async Task Synchronize_NewHead_StopsTheOlderHeadsRunsAsSuperseded()
    {
        var number = NewPullRequest();
        var (oldHead, newHead) = (Specs.NewCommit(), Specs.NewCommit());
        using (await SendAsync(PullRequest("opened", number, oldHead))) { }
        var older = await fixture.TestsAtAsync(oldHead);
        await SetStatusAsync(older[0].Id, LoadTestStatus.Running);

        using var response = await SendAsync(PullRequest("synchronize", number, newHead));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!;
        Assert.Equal(("scheduled", 2), (answer.Outcome, answer.Tests));
        Assert.All(older, t => Assert.Contains(t.Id, answer.Reason, StringComparison.Ordinal));
        var stopped = await fixture.TestsAtAsync(oldHead);
        Assert.Equal(TestStatus.Stopped, stopped.Single(t => t.Id == older[1].Id).Status);
        Assert.Contains(stopped.Single(t => t.Id == older[0].Id).Status, new[] { TestStatus.Stopping, TestStatus.Stopped }); // its worker ends it
        Assert.All(stopped, t => Assert.Equal($"superseded by {newHead[..12]}, the new head of pull request #{number}", t.StatusReason));
        Assert.All(await fixture.TestsAtAsync(newHead), t => Assert.Equal(TestStatus.Scheduled, t.Status));
        Assert.Contains($"stopped: superseded by {newHead[..12]}", await OutboxTextAsync(older[1].Id), StringComparison.Ordinal);
        var runs = await fixture.Host.Http.GetStringAsync($"/runs?commit={oldHead}");
        Assert.Equal(2, runs.Split("class=\"superseded\"").Length - 1);
    }

    [Fact]
    public async Task Synchronize_LeavesOtherPullRequestsBaselinesAndFinishedRunsAlone()
    {
        var (number, other) = (NewPullRequest(), NewPullRequest());
        var (oldHead, otherHead, newHead) = (Specs.NewCommit(), Specs.NewCommit(), Specs.NewCommit());
        using (await SendAsync(PullRequest("opened", number, oldHead))) { }
        using (await SendAsync(PullRequest("opened", other, otherHead))) { }
        var finished = (await fixture.TestsAtAsync(oldHead))[0];
        await SetStatusAsync(finished.Id, LoadTestStatus.Completed);

        using (await SendAsync(PullRequest("synchronize", number, newHead))) { }

        Assert.All(await fixture.TestsAtAsync(otherHead), t => Assert.Equal(TestStatus.Scheduled, t.Status));
        var older = await fixture.TestsAtAsync(oldHead);
        Assert.Equal(TestStatus.Completed, older.Single(t => t.Id == finished.Id).Status);
        Assert.Equal(TestStatus.Stopped, older.Single(t => t.Id != finished.Id).Status);
    }

    [Fact]
    public async Task RedeliveredOlderSynchronize_DoesNotStopTheNewerHead()
    {
        var number = NewPullRequest();
        var (oldHead, newHead) = (Specs.NewCommit(), Specs.NewCommit());
        var olderDelivery = Guid.NewGuid().ToString();
        var olderBody = PullRequest("synchronize", number, oldHead);
        using (await SendAsync(olderBody, olderDelivery)) { }
        using (await SendAsync(PullRequest("synchronize", number, newHead))) { }

        using var redelivered = await SendAsync(olderBody, olderDelivery);

        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<WebhookAnswer>())!.Outcome);
        Assert.All(await fixture.TestsAtAsync(newHead), t => Assert.Equal(TestStatus.Scheduled, t.Status));
    }

    [Theory]
    [InlineData(false, "closed")]
    [InlineData(true, "merged")]
    public async Task Closed_StopsEveryRunOfThePullRequest(bool merged, string how)
    {
        var number = NewPullRequest();
        var head = Specs.NewCommit();
        using (await SendAsync(PullRequest("opened", number, head))) { }

        var closed = PullRequest("closed", number, head, "pull_request.closed.json");
        using var response = await SendAsync(merged ? WebhookTestHost.Edit(closed, "\"merged\": false", "\"merged\": true") : closed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!;
        Assert.Equal(("stopped", 0), (answer.Outcome, answer.Tests));
        var tests = await fixture.TestsAtAsync(head);
        Assert.Equal(2, tests.Count);
        Assert.All(tests, t => Assert.Equal((TestStatus.Stopped, $"pull request #{number} {how}"), (t.Status, t.StatusReason)));
        Assert.All(tests, t => Assert.Contains(t.Id, answer.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closed_WithNothingRunning_SaysSoAndStopsNothing()
    {
        var number = NewPullRequest();

        using var response = await SendAsync(PullRequest("closed", number, Specs.NewCommit(), "pull_request.closed.json"));

        var answer = (await response.Content.ReadFromJsonAsync<WebhookAnswer>())!;
        Assert.Equal((HttpStatusCode.OK, "stopped"), (response.StatusCode, answer.Outcome));
        Assert.EndsWith("no run to stop", answer.Reason, StringComparison.Ordinal);
    }

    private static int NewPullRequest() => Interlocked.Increment(ref nextPullRequest);

    private static byte[] PullRequest(string action, int number, string head, string file = "pull_request.opened.json")
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload(file), PayloadHead, head);
        body = WebhookTestHost.Edit(body, "\"number\": 2,", $"\"number\": {number},");
        var original = file == "pull_request.opened.json" ? "opened" : "closed";
        return action == original ? body : WebhookTestHost.Edit(body, $"\"action\": \"{original}\"", $"\"action\": \"{action}\"");
    }

    private Task<HttpResponseMessage> SendAsync(byte[] body, string? delivery = null) =>
        fixture.SendAsync(body, "pull_request", delivery ?? Guid.NewGuid().ToString(), WebhookSignature.Compute(WebhookDatabaseFixture.Secret, body));

    private async Task SetStatusAsync(string id, LoadTestStatus status)
    {
        // A running test's worker must exist and be alive, or the leader's liveness sweep takes the
        // test back while the test looks at it; with no free slot, the leader gives it nothing else.
        var worker = "worker-" + Guid.NewGuid().ToString("N")[..8];
        await using var context = fixture.Database.CreateDbContext();
        context.Workers.Add(new WorkerEntity
        {
            Id = worker,
            Address = $"http://127.0.0.1:1/{worker}",
            CapacityConcurrentTests = 0,
            LastHeartbeatAt = DateTimeOffset.UtcNow.AddDays(1),
            RegisteredAt = DateTimeOffset.UtcNow,
        });
        await context.SaveChangesAsync();
        await context.LoadTests.Where(t => t.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status).SetProperty(t => t.AssignedWorker, worker));
    }

    private async Task<string> OutboxTextAsync(string id)
    {
        await using var context = fixture.Database.CreateDbContext();
        var payloads = await context.ReportOutbox.Where(o => o.TestId == Guid.Parse(id)).Select(o => o.Payload).ToListAsync();
        return string.Join("\n", payloads);
    }
}
