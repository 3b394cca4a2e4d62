using System.Collections.Concurrent;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Webhooks;

/// <summary>Records the sink commands like storage would: one delivery id is recorded once.</summary>
public sealed class InMemoryWebhookTestSink : IWebhookTestSink
{
    private readonly ConcurrentDictionary<string, (WebhookDelivery Delivery, IReadOnlyList<WebhookTestRequest> Tests)> _deliveries = new();

    public IReadOnlyList<WebhookTestRequest> Tests => _deliveries.Values.SelectMany(d => d.Tests).ToList();

    public IReadOnlyList<WebhookDelivery> Deliveries => _deliveries.Values.Select(d => d.Delivery).ToList();

    public Task<bool> IsKnownDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(_deliveries.ContainsKey(deliveryId));

    /// <summary>When set, recording fails with it, as storage does when the database is down.</summary>
    public Exception? FailWith { get; set; }

    public Task<WebhookRecording> RecordAsync(WebhookDelivery delivery, IReadOnlyList<WebhookTestRequest> tests, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            return Task.FromException<WebhookRecording>(failure);
        }

        return Task.FromResult(_deliveries.TryAdd(delivery.DeliveryId, (delivery, tests)) ? new WebhookRecording(WebhookRecordResult.Recorded, []) : WebhookRecording.Redelivery);
    }

    /// <summary>Every stop asked for: repository, pull request, the commit kept (null: none) and the reason.</summary>
    public ConcurrentQueue<(string Repository, int PullRequest, string? KeepCommit, string Reason)> Stops { get; } = new();

    public Task<IReadOnlyList<Guid>> StopPullRequestRunsAsync(string repository, int pullRequest, string? keepCommit, string reason, CancellationToken cancellationToken)
    {
        Stops.Enqueue((repository, pullRequest, keepCommit, reason));
        return Task.FromResult<IReadOnlyList<Guid>>([]);
    }
}
