namespace PerfFleet.Coordinator.Webhooks;

public enum WebhookRecordResult
{
    /// <summary>The delivery and its tests were stored (with their pending-status outbox rows).</summary>
    Recorded,

    /// <summary>The delivery id was seen before: nothing was stored.</summary>
    Duplicate,
}

/// <summary>What recording a delivery did, and the tests it asked for that were already active (not created again).</summary>
public sealed record WebhookRecording(WebhookRecordResult Result, IReadOnlyList<Guid> AlreadyActive)
{
    public static WebhookRecording Redelivery { get; } = new(WebhookRecordResult.Duplicate, []);
}
