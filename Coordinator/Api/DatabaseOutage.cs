using System.Net.Sockets;
using Npgsql;

namespace PerfFleet.Coordinator.Api;

/// <summary>
/// Whether an exception means the database cannot be reached right now (stopped, restarting,
/// the session ended by the server, too many connections) rather than that the request or the
/// code is wrong. Such a call is worth retrying: it answers UNAVAILABLE (DESIGN.md "gRPC services").
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// SQL state classes and codes of an unreachable server: 08 connection exception, 53 insufficient
    /// resources (53300 too_many_connections), 57P01 admin_shutdown, 57P02 crash_shutdown,
    /// 57P03 cannot_connect_now (starting up or in recovery). Not 40001/40P01: a serialization
    /// failure or a deadlock is a conflict of two requests, not an outage.
    /// </summary>
    private static readonly string[] OutageStatePrefixes = ["08", "53", "57P01", "57P02", "57P03"];

    /// <summary>The outage found in <paramref name="exception"/> or its inner exceptions, or null.</summary>
    public static Exception? Find(Exception exception)
    {
        // EF Core and the retry strategy wrap Npgsql's exceptions (DbUpdateException,
        // InvalidOperationException "likely due to a transient failure", RetryLimitExceededException).
        for (var e = exception; e is not null; e = e.InnerException ?? (e as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (IsOutage(e))
            {
                return e;
            }
        }

        return null;
    }

    private static bool IsOutage(Exception e) => e switch
    {
        PostgresException postgres => OutageStatePrefixes.Any(prefix => postgres.SqlState.StartsWith(prefix, StringComparison.Ordinal)),

        // Raised by Npgsql itself, not by the server: the connection could not be opened or broke
        // (refused, reset, timed out, pool exhausted while the server does not answer).
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        _ => false,
    };
}
