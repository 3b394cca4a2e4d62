namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// One state change of a load test, appended in the same transaction as the change: the
/// timeline on the web page and the source of <c>LoadTests.Watch</c> (ordered by <see cref="Id"/>).
/// </summary>
public sealed class TestStateEventEntity
{
    public long Id { get; set; }

    public Guid TestId { get; set; }

    public LoadTestStatus Status { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset At { get; set; }
}
