using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Records accepted deliveries in PostgreSQL: the delivery row and its tests (with their pending
/// statuses and the scheduler's NOTIFY) in one transaction, through <see cref="LoadTestWriter"/>.
/// </summary>
public sealed class DatabaseWebhookTestSink(IDbContextFactory<PerfFleetDbContext> contexts, LoadTestWriter writer, PullRequestRuns pullRequestRuns) : IWebhookTestSink
{
    public async Task<bool> IsKnownDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.WebhookDeliveries.AnyAsync(d => d.DeliveryId == deliveryId, cancellationToken);
    }

    public async Task<WebhookRecording> RecordAsync(WebhookDelivery delivery, IReadOnlyList<WebhookTestRequest> tests, CancellationToken cancellationToken)
    {
        var rerunOf = new Dictionary<WebhookTestRequest, Guid?>();
        foreach (var test in tests.Where(t => t.IsRerun))
        {
            rerunOf[test] = await PreviousRunAsync(test, cancellationToken);
        }

        var row = new WebhookDeliveryEntity
        {
            DeliveryId = delivery.DeliveryId,
            Event = delivery.Event,
            Action = delivery.Action,
            Repository = delivery.Repository,
            Outcome = tests.Count == 0 ? "nothing to run" : $"scheduled {tests.Count} test(s): {string.Join(", ", tests.Select(t => t.Trigger).Distinct())}",
        };
        var created = await writer.CreateAsync(
            tests.Select(t => new NewLoadTest(t.Spec, rerunOf.GetValueOrDefault(t), t.InstallationId)).ToList(),
            row,
            cancellationToken);
        return created is null ? WebhookRecording.Redelivery : new WebhookRecording(WebhookRecordResult.Recorded, created.AlreadyActive);
    }

    public Task<IReadOnlyList<Guid>> StopPullRequestRunsAsync(string repository, int pullRequest, string? keepCommit, string reason, CancellationToken cancellationToken) =>
        pullRequestRuns.StopAsync(repository, pullRequest, keepCommit, reason, cancellationToken);

    // /perf rerun links the new test to the newest one of the same PR and scenario.
    private async Task<Guid?> PreviousRunAsync(WebhookTestRequest test, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var scenario = test.Spec.Scenario.Length == 0 ? null : test.Spec.Scenario;
        return await context.LoadTests.AsNoTracking()
            .Where(t => t.Repository == test.Spec.Repository && t.PullRequest == test.Spec.PullRequest && t.Scenario == scenario)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
