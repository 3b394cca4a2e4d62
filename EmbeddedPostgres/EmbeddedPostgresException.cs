namespace PerfFleet.EmbeddedPostgres;

/// <summary>A PostgreSQL tool (initdb, pg_ctl) failed; the message carries its output.</summary>
public sealed class EmbeddedPostgresException : Exception
{
    public EmbeddedPostgresException()
    {
    }

    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
