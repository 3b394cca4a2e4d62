namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The outbox table, implemented by storage. Only the leader calls it; leader-only writes must
/// carry the fencing epoch (<c>WHERE epoch = my_epoch</c>) so an old leader changes nothing.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Up to <paramref name="max"/> items not done and not failed whose due time is at or before
    /// <paramref name="now"/>, oldest first. Implementations should lease them (push their due
    /// time forward by a minute) so a crash mid-send retries them instead of losing them.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> TakeDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkDoneAsync(long id, CancellationToken cancellationToken);

    /// <summary>Record the failed attempt (<paramref name="attempts"/> = failures so far) and the next due time.</summary>
    Task ScheduleRetryAsync(long id, int attempts, DateTimeOffset dueAt, string error, CancellationToken cancellationToken);

    /// <summary>Give up on the item (a permanent error, or too many attempts); kept for inspection.</summary>
    Task MarkFailedAsync(long id, int attempts, string error, CancellationToken cancellationToken);
}
