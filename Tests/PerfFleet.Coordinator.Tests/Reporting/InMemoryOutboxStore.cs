using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>The outbox table's contract in memory: due items, done, retry with due time, failed.</summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.ToList();
            }
        }
    }

    public void Add(IEnumerable<OutboxMessage> messages, DateTimeOffset dueAt, Guid? testId = null)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                _rows.Add(new Row(_rows.Count + 1, message.Kind, message.Payload, 0, dueAt, RowState.Waiting, null, testId));
            }
        }
    }

    public Task<IReadOnlyList<OutboxItem>> TakeDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxItem> due = _rows.Where(r => r.State == RowState.Waiting && r.DueAt <= now)
                .Take(max).Select(r => new OutboxItem(r.Id, r.Kind, r.Payload, r.Attempts, r.TestId)).ToList();
            return Task.FromResult(due);
        }
    }

    public Task MarkDoneAsync(long id, CancellationToken cancellationToken) => Update(id, r => r with { State = RowState.Done });

    public Task ScheduleRetryAsync(long id, int attempts, DateTimeOffset dueAt, string error, CancellationToken cancellationToken) =>
        Update(id, r => r with { Attempts = attempts, DueAt = dueAt, LastError = error });

    public Task MarkFailedAsync(long id, int attempts, string error, CancellationToken cancellationToken) =>
        Update(id, r => r with { Attempts = attempts, State = RowState.Failed, LastError = error });

    private Task Update(long id, Func<Row, Row> change)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Id == id);
            _rows[index] = change(_rows[index]);
        }

        return Task.CompletedTask;
    }

    public enum RowState
    {
        Waiting,
        Done,
        Failed,
    }

    public sealed record Row(long Id, string Kind, string Payload, int Attempts, DateTimeOffset DueAt, RowState State, string? LastError, Guid? TestId = null);
}
