namespace PerfFleet.Coordinator.Webhooks;

public enum WebhookRecordResult
{
    /// <summary>The delivery and its tests were stored (with their pending-status outbox rows).</summary>
    Recorded,

    /// <summary>The delivery id was seen before: nothing was stored.</summary>
    Duplicate,
}
