namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// A report to deliver (GitHub status, PR comment, alert), written in the same transaction as
/// the state change it reports and retried by the leader until <see cref="DoneAt"/> is set.
/// </summary>
public sealed class ReportOutboxEntity
{
    public long Id { get; set; }

    /// <summary>What to deliver, e.g. "github_status", "github_comment", "alert".</summary>
    public string Kind { get; set; } = "";

    public Guid? TestId { get; set; }

    /// <summary>The kind's arguments as a JSON document (jsonb).</summary>
    public string Payload { get; set; } = "{}";

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
