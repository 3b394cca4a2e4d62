namespace PerfFleet.Coordinator.Reporting;

/// <summary>A report to insert into the outbox table (kind + JSON payload), in the same transaction as the change it reports.</summary>
public sealed record OutboxMessage(string Kind, string Payload)
{
    public const string CommitStatusKind = "github.status";
    public const string PullRequestCommentKind = "github.comment";
    public const string AlertKind = "alert";
}
