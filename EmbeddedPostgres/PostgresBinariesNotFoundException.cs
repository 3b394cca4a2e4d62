namespace PerfFleet.EmbeddedPostgres;

/// <summary>No PostgreSQL server binaries were found for the embedded database; the message says how to fix it.</summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException(string searched)
        : base(
            "PerfFleet starts an embedded PostgreSQL when no connection string is configured, and needs PostgreSQL's " +
            $"server binaries (initdb, pg_ctl, postgres) for it, but found none (searched: {searched}). " +
            "Install them (Debian/Ubuntu: `apt-get install postgresql`), or use an existing server by setting " +
            $"{DatabaseSettingNames.ConnectionString} " +
            "(environment variable PerfFleet__Database__ConnectionString).")
    {
    }

    public PostgresBinariesNotFoundException()
        : this("nothing")
    {
    }

    public PostgresBinariesNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
