namespace PerfFleet.EmbeddedPostgres;

/// <summary>Where and how to run a private PostgreSQL cluster.</summary>
public sealed record EmbeddedPostgresSettings
{
    /// <summary>
    /// The server's own directory: the cluster lives in <c>cluster/</c> under it, the superuser's
    /// generated password in <c>superuser.password</c> (readable only by the coordinator's user).
    /// </summary>
    public required string RootDirectory { get; init; }

    public required PostgresBinaries Binaries { get; init; }

    /// <summary>The system user the programs run as when the coordinator runs as root.</summary>
    public string SystemUser { get; init; } = "postgres";

    /// <summary>False for throw-away test clusters: no fsync, much faster on slow disks, unsafe on power loss.</summary>
    public bool Durable { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string ClusterDirectory => Path.Combine(RootDirectory, "cluster");

    public string PasswordFile => Path.Combine(RootDirectory, "superuser.password");

    public string ServerLogFile => Path.Combine(ClusterDirectory, "server.log");
}
