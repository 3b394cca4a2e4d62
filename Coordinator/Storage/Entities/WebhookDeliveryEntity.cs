namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>A received webhook; the unique <see cref="DeliveryId"/> (X-GitHub-Delivery) makes handling idempotent.</summary>
public sealed class WebhookDeliveryEntity
{
    public long Id { get; set; }

    public string DeliveryId { get; set; } = "";

    public string Event { get; set; } = "";

    public string? Action { get; set; }

    public string? Repository { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What was done with it, in words (e.g. "scheduled 2 tests", "ignored: draft").</summary>
    public string Outcome { get; set; } = "";
}
