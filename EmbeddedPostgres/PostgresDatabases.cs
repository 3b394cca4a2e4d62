using System.Text.RegularExpressions;
using Npgsql;

namespace PerfFleet.EmbeddedPostgres;

/// <summary>Creates and drops databases on a server through an administrative connection string.</summary>
public static partial class PostgresDatabases
{
    /// <summary>Database names PerfFleet creates: plain lower-case identifiers that need no quoting rules beyond "".</summary>
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    public static partial Regex ValidName();

    /// <summary>Creates <paramref name="database"/> unless it exists. Returns true when it was created.</summary>
    public static async Task<bool> EnsureExistsAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        CheckName(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return false;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another coordinator created it between our check and our CREATE: it exists, as wanted.
            return false;
        }
    }

    /// <summary>Drops <paramref name="database"/>, ending its sessions first (PostgreSQL 13+ FORCE).</summary>
    public static async Task DropAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        CheckName(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void CheckName(string database)
    {
        if (!ValidName().IsMatch(database))
        {
            throw new ArgumentException($"'{database}' is not a valid database name: use lower-case letters, digits and _ (at most 63, not starting with a digit).", nameof(database));
        }
    }
}
