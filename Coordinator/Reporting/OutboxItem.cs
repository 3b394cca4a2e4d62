namespace PerfFleet.Coordinator.Reporting;

/// <summary>A report waiting to be sent. <c>Attempts</c> counts the failed tries so far; <c>TestId</c> is the test it reports on.</summary>
public sealed record OutboxItem(long Id, string Kind, string Payload, int Attempts, Guid? TestId = null);
