using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// Fencing for leader-only writes (DESIGN.md "Leadership"): a write carries the writer's epoch
/// and applies only while the leadership row still holds that epoch, so a paused or partitioned
/// old leader changes nothing.
/// </summary>
/// <remarks>
/// Two forms. <see cref="EnsureCurrentAsync(NpgsqlConnection, NpgsqlTransaction, long, CancellationToken)"/>
/// locks the leadership row <c>FOR SHARE</c> at the start of a transaction: a new leader's epoch
/// increment (an UPDATE of that row) then waits for this transaction, and a transaction that
/// starts after the increment sees the new epoch and throws — takeover and fenced writes are
/// serialized. <see cref="Guard"/> is a condition for a single statement
/// (<c>UPDATE ... WHERE ... AND </c><see cref="Guard"/>) with the parameter from <see cref="Parameter"/>.
/// </remarks>
public static class EpochFence
{
    public const string ParameterName = "fence_epoch";

    /// <summary>A SQL condition true only while the leadership epoch is <c>@fence_epoch</c>.</summary>
    public const string Guard = "EXISTS (SELECT 1 FROM leadership WHERE leadership.id = 1 AND leadership.epoch = @fence_epoch)";

    private const string LockCurrentEpoch = "SELECT epoch FROM leadership WHERE id = 1 FOR SHARE";

    public static NpgsqlParameter Parameter(long epoch) => new(ParameterName, epoch);

    /// <summary>Throws <see cref="FencedOutException"/> unless <paramref name="epoch"/> is current; holds the row until the transaction ends.</summary>
    public static async Task EnsureCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long epoch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockCurrentEpoch, connection, transaction);
        var current = (long)(await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The leadership row is missing: the database was not migrated."));
        if (current != epoch)
        {
            throw new FencedOutException(epoch, current);
        }
    }

    /// <summary>The same check inside an EF Core transaction (<c>Database.BeginTransactionAsync</c> first).</summary>
    public static async Task EnsureCurrentAsync(DbContext context, long epoch, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("EpochFence.EnsureCurrentAsync needs an open transaction: the row lock must last until the fenced writes commit.");
        }

        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)context.Database.CurrentTransaction.GetDbTransaction();
        await EnsureCurrentAsync(connection, transaction, epoch, cancellationToken);
    }
}
