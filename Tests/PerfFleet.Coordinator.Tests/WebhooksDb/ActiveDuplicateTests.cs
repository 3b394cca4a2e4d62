using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Webhooks;
using PerfFleet.Coordinator.Webhooks;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.WebhooksDb;

/// <summary>
/// Deliveries that are not redeliveries but ask for a test already queued or running — the same
/// push under a new delivery id, several pull_request actions for one head — name that test
/// instead of making another; two coordinators at once cannot both make it (the database's
/// partial unique index). Each test here uses its own commit, so they do not see each other.
/// </summary>
public sealed class ActiveDuplicateTests(WebhookDatabaseFixture fixture) : IClassFixture<WebhookDatabaseFixture>
{
    private readonly CoordinatorTestHost host = fixture.Host;

    [Fact]
    public async Task Post_SamePushUnderANewDeliveryId_200NamingTheQueuedBaselinesAndNoSecondOnes()
    {
        var commit = Specs.NewCommit();
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("push.with-new-branch.json"), "6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit);

        using var first = await SendAsync(body, "push");
        var created = await TestsAtAsync(commit);
        using var second = await SendAsync(body, "push");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var answer = (await second.Content.ReadFromJsonAsync<WebhookAnswer>())!;
        Assert.Equal(("duplicate", 0), (answer.Outcome, answer.Tests));
        Assert.All(created, t => Assert.Contains(t.Id, answer.Reason, StringComparison.Ordinal));
        Assert.Equal(created.Select(t => t.Id).Order(), (await TestsAtAsync(commit)).Select(t => t.Id).Order());
        Assert.Equal(2, created.Count);
    }

    [Fact]
    public async Task Post_OpenedReadyForReviewAndSynchronizeForOneHead_OneTestPerScenario()
    {
        var head = Specs.NewCommit();
        var opened = WebhookTestHost.Edit(WebhookTestHost.Payload("pull_request.opened.json"), "ec26c3e57ca3a959ca5aad62de7213c562f8c821", head);

        foreach (var action in new[] { "opened", "ready_for_review", "synchronize" })
        {
            using var response = await SendAsync(WebhookTestHost.Edit(opened, "\"action\": \"opened\"", $"\"action\": \"{action}\""), "pull_request");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["api", "checkout"], (await TestsAtAsync(head)).Select(t => t.Spec.Scenario).Order());
    }

    [Fact]
    public async Task Post_SamePushAfterTheFirstBaselinesEnded_SchedulesNewOnes()
    {
        var commit = Specs.NewCommit();
        var body = WebhookTestHost.Edit(WebhookTestHost.Payload("push.with-new-branch.json"), "6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit);
        using (await SendAsync(body, "push"))
        {
        }

        await using (var context = fixture.Database.CreateDbContext())
        {
            await context.LoadTests.Where(t => t.Commit == commit).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, LoadTestStatus.Completed));
        }

        using var again = await SendAsync(body, "push");

        Assert.Equal("scheduled", (await again.Content.ReadFromJsonAsync<WebhookAnswer>())!.Outcome);
        Assert.Equal(4, (await TestsAtAsync(commit)).Count);
    }

    [Fact]
    public async Task CreateAsync_EightCoordinatorsAtOnce_OneTestIsCreatedAndTheOthersNameIt()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        var writer = host.Services.GetRequiredService<LoadTestWriter>();
        using var start = new SemaphoreSlim(0);

        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await writer.CreateAsync([new NewLoadTest(spec.Clone())], delivery: null, CancellationToken.None);
        })).ToList();
        start.Release(racers.Count);
        var creations = await Task.WhenAll(racers);

        var created = Assert.Single(creations.SelectMany(c => c!.Created));
        Assert.Equal(7, creations.Sum(c => c!.AlreadyActive.Count));
        Assert.All(creations.SelectMany(c => c!.AlreadyActive), id => Assert.Equal(created.Id, id));
        await using var context = fixture.Database.CreateDbContext();
        Assert.Equal(1, await context.LoadTests.CountAsync(t => t.Commit == spec.Commit));
    }

    [Fact]
    public async Task Schedule_SameTestTwice_AlreadyExistsNamingTheFirst()
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        var first = await host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains(first.Id, error.Status.Detail, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendAsync(byte[] body, string eventName) =>
        fixture.SendAsync(body, eventName, Guid.NewGuid().ToString(), WebhookSignature.Compute(WebhookDatabaseFixture.Secret, body));

    private Task<IReadOnlyList<LoadTest>> TestsAtAsync(string commit) => fixture.TestsAtAsync(commit);
}
