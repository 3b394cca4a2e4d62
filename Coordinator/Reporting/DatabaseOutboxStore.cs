using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The report outbox in PostgreSQL. Taking items leases them (pushes their next attempt past
/// <see cref="Lease"/>) in the same statement, so a leader that dies mid-send leaves them to be
/// retried after the lease, never lost. Every write is fenced by the leader's epoch.
/// </summary>
public sealed class DatabaseOutboxStore(PerfFleetDatabase database, ILeadership leadership, TimeProvider time) : IOutboxStore
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<OutboxItem>> TakeDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = $"""
            UPDATE report_outbox SET next_attempt_at = @lease_until
            WHERE id IN (
                SELECT id FROM report_outbox
                WHERE done_at IS NULL AND next_attempt_at <= @now
                ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
              AND {EpochFence.Guard}
            RETURNING id, kind, payload::text, attempts, test_id
            """;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("lease_until", now + Lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("max", max);
        command.Parameters.Add(EpochFence.Parameter(leadership.Epoch));
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetGuid(4)));
        }

        return items.OrderBy(i => i.Id).ToList();
    }

    public Task MarkDoneAsync(long id, CancellationToken cancellationToken) =>
        ExecuteFencedAsync("UPDATE report_outbox SET done_at = @now, last_error = NULL WHERE id = @id", id, attempts: null, dueAt: null, error: null, cancellationToken);

    public Task ScheduleRetryAsync(long id, int attempts, DateTimeOffset dueAt, string error, CancellationToken cancellationToken) =>
        ExecuteFencedAsync("UPDATE report_outbox SET attempts = @attempts, next_attempt_at = @due, last_error = @error WHERE id = @id", id, attempts, dueAt, error, cancellationToken);

    /// <summary>Given up: done, with the reason kept in last_error for the operator.</summary>
    public Task MarkFailedAsync(long id, int attempts, string error, CancellationToken cancellationToken) =>
        ExecuteFencedAsync("UPDATE report_outbox SET attempts = @attempts, done_at = @now, last_error = @error WHERE id = @id", id, attempts, dueAt: null, "gave up: " + error, cancellationToken);

    private async Task ExecuteFencedAsync(string sql, long id, int? attempts, DateTimeOffset? dueAt, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql + " AND " + EpochFence.Guard, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("attempts", attempts ?? 0);
        command.Parameters.AddWithValue("due", dueAt ?? time.GetUtcNow());
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        command.Parameters.Add(EpochFence.Parameter(leadership.Epoch));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenConnectionAsync(cancellationToken);
}
