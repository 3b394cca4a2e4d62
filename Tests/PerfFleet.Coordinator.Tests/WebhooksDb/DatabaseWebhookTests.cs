using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Webhooks;
using PerfFleet.Coordinator.Webhooks;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.WebhooksDb;

/// <summary>
/// The shared GitHub payloads, signed with the registered secret, through <c>POST /webhooks/github</c>
/// of a running coordinator: the tests they create are rows in the real database.
/// </summary>
public sealed class DatabaseWebhookTests(WebhookDatabaseFixture fixture) : IClassFixture<WebhookDatabaseFixture>
{
    private readonly CoordinatorTestHost host = fixture.Host;

    [Fact]
    public async Task Post_PushToDefaultBranch_StoresOneBaselinePerScenarioWithDelivery()
    {
        var body = WebhookTestHost.Payload("push.with-new-branch.json");
        var after = Json(body).GetProperty("after").GetString()!;
        var delivery = Guid.NewGuid().ToString();

        using var response = await SendAsync(body, "push", delivery, WebhookSignature.Compute(WebhookDatabaseFixture.Secret, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tests = await TestsAtAsync(after);
        Assert.Equal(["api", "checkout"], tests.Select(t => t.Spec.Scenario).Order());
        Assert.All(tests, t =>
        {
            Assert.Equal(TestKind.Baseline, t.Spec.Kind);
            Assert.Equal(TestStatus.Scheduled, t.Status);
            Assert.Equal(0, t.Spec.PullRequest);
        });
        await using var context = fixture.Database.CreateDbContext();
        Assert.Equal(1, await context.WebhookDeliveries.CountAsync(d => d.DeliveryId == delivery));
    }

    [Fact]
    public async Task Post_PullRequestOpened_StoresTestsWithPullRequestNumberAndRedeliveryCreatesNothing()
    {
        var body = WebhookTestHost.Payload("pull_request.opened.json");
        var json = Json(body);
        var head = json.GetProperty("pull_request").GetProperty("head").GetProperty("sha").GetString()!;
        var number = json.GetProperty("number").GetInt32();
        var delivery = Guid.NewGuid().ToString();
        var signature = WebhookSignature.Compute(WebhookDatabaseFixture.Secret, body);

        using var first = await SendAsync(body, "pull_request", delivery, signature);
        var created = await TestsAtAsync(head);
        using var again = await SendAsync(body, "pull_request", delivery, signature);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, created.Count);
        Assert.All(created, t =>
        {
            Assert.Equal(TestKind.Test, t.Spec.Kind);
            Assert.Equal(number, t.Spec.PullRequest);
        });
        Assert.Equal(created.Select(t => t.Id).Order(), (await TestsAtAsync(head)).Select(t => t.Id).Order());
        await using var context = fixture.Database.CreateDbContext();
        var ids = created.Select(t => Guid.Parse(t.Id)).ToList();
        Assert.Equal(2, await context.ReportOutbox.CountAsync(o => o.TestId != null && ids.Contains(o.TestId.Value) && o.Kind == "github.status"));
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("other-secret")]
    [InlineData(null)]
    public async Task Post_WrongOrMissingSignature_UnauthorizedAndNothingStored(string? signature)
    {
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("pull_request.opened.json"), "\"number\": 2", "\"number\": 777");
        var delivery = Guid.NewGuid().ToString();
        var header = signature == "other-secret" ? WebhookSignature.Compute("not-the-secret", body) : signature;
        var before = await TotalAsync();

        using var response = await SendAsync(body, "pull_request", delivery, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await TotalAsync());
        await using var context = fixture.Database.CreateDbContext();
        Assert.Equal(0, await context.WebhookDeliveries.CountAsync(d => d.DeliveryId == delivery));
    }

    private Task<HttpResponseMessage> SendAsync(byte[] body, string eventName, string delivery, string? signature) =>
        fixture.SendAsync(body, eventName, delivery, signature);

    private Task<IReadOnlyList<LoadTest>> TestsAtAsync(string commit) => fixture.TestsAtAsync(commit);

    private async Task<int> TotalAsync() =>
        (await host.LoadTests.ListAsync(new ListTestsRequest(), CoordinatorTestHost.Admin)).Total;

    private static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();
}
