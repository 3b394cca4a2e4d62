namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Where accepted deliveries go. The storage implementation must, in ONE transaction: insert the
/// delivery row (unique on <see cref="WebhookDelivery.DeliveryId"/>; a conflict means
/// <see cref="WebhookRecordResult.Duplicate"/> and nothing else is written), create each test in
/// Scheduled, add the outbox rows for their GitHub <c>pending</c> statuses
/// (<c>Reporting.ReportMessages.PendingStatus</c>), and NOTIFY the leader; a test already active
/// (<c>LoadTests.ActiveTestKey</c>) is named instead of created. It must answer within
/// GitHub's 10 s: no other work here.
/// </summary>
public interface IWebhookTestSink
{
    /// <summary>A cheap early check, so a redelivered <c>/perf rerun</c> does not ask GitHub for the PR head again.</summary>
    Task<bool> IsKnownDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    Task<WebhookRecording> RecordAsync(WebhookDelivery delivery, IReadOnlyList<WebhookTestRequest> tests, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the queued and running tests of a pull request at any commit but
    /// <paramref name="keepCommit"/> (all when null), with <paramref name="reason"/>; returns their ids.
    /// </summary>
    Task<IReadOnlyList<Guid>> StopPullRequestRunsAsync(string repository, int pullRequest, string? keepCommit, string reason, CancellationToken cancellationToken);
}
