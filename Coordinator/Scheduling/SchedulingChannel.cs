using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The PostgreSQL NOTIFY channel that wakes the leader's scheduler when a test is scheduled.
/// Notify in the transaction that inserts the test: PostgreSQL delivers it on commit, never for
/// a rolled-back insert. The scheduler also polls, so a lost notification only delays.
/// </summary>
public static class SchedulingChannel
{
    public const string Name = "perffleet_scheduled";

    /// <summary>The same NOTIFY on an EF context's connection, inside its current transaction.</summary>
    public static Task NotifyAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ExecuteSqlRawAsync("NOTIFY " + Name, cancellationToken);
    }

    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"NOTIFY {Name}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
