using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// What a change of a test leaves behind in its unit of work: the state event of its new status
/// and the reports it queues in the outbox. One place, so that each row is written one way (the
/// scheduler's set-based SQL writes its events in the same statement as the change, see SchedulingSql).
/// </summary>
internal static class TestJournal
{
    public static void AddStateEvent(PerfFleetDbContext context, Guid testId, LoadTestStatus status, string? reason, DateTimeOffset now) =>
        context.TestStateEvents.Add(new TestStateEventEntity { TestId = testId, Status = status, Reason = reason, At = now });

    /// <summary>Queues <paramref name="messages"/> about test <paramref name="testId"/>, each due at once.</summary>
    public static void AddReports(PerfFleetDbContext context, Guid testId, IEnumerable<OutboxMessage> messages, DateTimeOffset now)
    {
        foreach (var message in messages)
        {
            context.ReportOutbox.Add(new ReportOutboxEntity { Kind = message.Kind, TestId = testId, Payload = message.Payload, NextAttemptAt = now, CreatedAt = now });
        }
    }
}
