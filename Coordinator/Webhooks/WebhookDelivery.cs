namespace PerfFleet.Coordinator.Webhooks;

/// <summary>One accepted GitHub delivery: <c>DeliveryId</c> (X-GitHub-Delivery) is the idempotency key.</summary>
public sealed record WebhookDelivery(string DeliveryId, string Event, string? Action, string Repository, DateTimeOffset ReceivedAt);
