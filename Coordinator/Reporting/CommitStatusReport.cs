namespace PerfFleet.Coordinator.Reporting;

/// <summary>Outbox payload of <see cref="OutboxMessage.CommitStatusKind"/>.</summary>
public sealed record CommitStatusReport(string Repository, string Sha, long? InstallationId, CommitStatus Status);
