namespace PerfFleet.Coordinator.Reporting;

/// <summary>A report waiting to be sent. <c>Attempts</c> counts the failed tries so far.</summary>
public sealed record OutboxItem(long Id, string Kind, string Payload, int Attempts);
