using Npgsql;
using NpgsqlTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Configurations;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// The worker's part of every heartbeat, in one statement: upsert the worker's quota and read the
/// leadership. A worker with nothing running (most heartbeats of a fleet) needs nothing else; the
/// EF unit of work this replaced cost about 10 ms of coordinator CPU per heartbeat, which at 100
/// workers took a whole core the scheduler needed.
/// </summary>
public sealed class WorkerHeartbeatWriter(PerfFleetDatabase database)
{
    // Every part of one statement sees the same snapshot: "previous" is the row before this upsert.
    private static readonly string UpsertAndReadLeader = $"""
        WITH previous AS (
            SELECT incarnation, last_heartbeat_at FROM workers WHERE id = @id
        ), upsert AS (
            INSERT INTO workers (id, address, capacity_concurrent_tests, capacity_request_rate, capacity_cores,
                used_concurrent_tests, used_request_rate, used_cores, labels, last_heartbeat_at, highest_epoch_seen, registered_at,
                incarnation, started_at)
            VALUES (@id, @address, @capacity_tests, @capacity_rate, @capacity_cores,
                @used_tests, @used_rate, @used_cores, @labels::jsonb, @now, @epoch_seen, @now, @incarnation, @started_at)
            ON CONFLICT (id) DO UPDATE SET
                address = EXCLUDED.address,
                capacity_concurrent_tests = EXCLUDED.capacity_concurrent_tests,
                capacity_request_rate = EXCLUDED.capacity_request_rate,
                capacity_cores = EXCLUDED.capacity_cores,
                used_concurrent_tests = EXCLUDED.used_concurrent_tests,
                used_request_rate = EXCLUDED.used_request_rate,
                used_cores = EXCLUDED.used_cores,
                labels = EXCLUDED.labels,
                last_heartbeat_at = EXCLUDED.last_heartbeat_at,
                highest_epoch_seen = GREATEST(workers.highest_epoch_seen, EXCLUDED.highest_epoch_seen),
                incarnation = EXCLUDED.incarnation,
                started_at = EXCLUDED.started_at,
                -- A worker that restarted or moved may be reachable now: it is tried again at once.
                unreachable_strikes = CASE WHEN workers.incarnation IS DISTINCT FROM EXCLUDED.incarnation OR workers.address <> EXCLUDED.address THEN 0 ELSE workers.unreachable_strikes END,
                unreachable_until = CASE WHEN workers.incarnation IS DISTINCT FROM EXCLUDED.incarnation OR workers.address <> EXCLUDED.address THEN NULL ELSE workers.unreachable_until END
        )
        SELECT l.epoch, l.leader_address,
            (SELECT count(*) FROM load_tests t WHERE t.assigned_worker = @id AND t.status IN {SchedulingSql.OnWorker}),
            (SELECT incarnation FROM previous), (SELECT last_heartbeat_at FROM previous)
        FROM leadership l
        """;

    private const string SelectPrevious = "SELECT incarnation, last_heartbeat_at FROM workers WHERE id = @id";

    /// <summary>Records the heartbeat on its own connection; returns the leadership, how many tests the worker holds and its previous heartbeat.</summary>
    public async Task<RecordedHeartbeat> WriteAsync(HeartbeatRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await WriteAsync(connection, null, request, now, cancellationToken);
    }

    /// <summary>Records the heartbeat inside the caller's transaction (the general path, which also moves tests on).</summary>
    public static async Task<RecordedHeartbeat> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, HeartbeatRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var command = new NpgsqlCommand(UpsertAndReadLeader, connection, transaction);
        command.Parameters.AddWithValue("id", request.WorkerId);
        command.Parameters.AddWithValue("address", request.Address);
        command.Parameters.AddWithValue("capacity_tests", request.Capacity?.ConcurrentTests ?? 0);
        command.Parameters.AddWithValue("capacity_rate", request.Capacity?.RequestRate ?? 0);
        command.Parameters.AddWithValue("capacity_cores", request.Capacity?.Cores ?? 0);
        command.Parameters.AddWithValue("used_tests", request.Used?.ConcurrentTests ?? 0);
        command.Parameters.AddWithValue("used_rate", request.Used?.RequestRate ?? 0);
        command.Parameters.AddWithValue("used_cores", request.Used?.Cores ?? 0);

        command.Parameters.AddWithValue("labels", JsonDictionaryConverter.ToJson(request.Labels));
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("epoch_seen", request.HighestEpochSeen);
        command.Parameters.Add(new NpgsqlParameter("incarnation", NpgsqlDbType.Text) { Value = request.Incarnation is { Length: > 0 } incarnation ? incarnation : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("started_at", NpgsqlDbType.TimestampTz) { Value = request.StartedAt is { } started ? started.ToDateTimeOffset() : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RecordedHeartbeat(reader.GetInt64(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), reader.GetInt64(2), ReadPrevious(reader, 3))
            : new RecordedHeartbeat(0, string.Empty, 0, null);
    }

    /// <summary>The worker's row as its previous heartbeat left it, or null for a new worker.</summary>
    public static async Task<PreviousHeartbeat?> ReadPreviousAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string workerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectPrevious, connection, transaction);
        command.Parameters.AddWithValue("id", workerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPrevious(reader, 0) : null;
    }

    private static PreviousHeartbeat? ReadPrevious(NpgsqlDataReader reader, int first) =>
        reader.IsDBNull(first + 1)
            ? null
            : new PreviousHeartbeat(reader.IsDBNull(first) ? null : reader.GetString(first), reader.GetFieldValue<DateTimeOffset>(first + 1));
}
