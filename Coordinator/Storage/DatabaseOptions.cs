using System.ComponentModel.DataAnnotations;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Where the coordinator's database is (configuration section <c>PerfFleet:Database</c>).
/// With no <see cref="ConnectionString"/>, the coordinator runs an embedded PostgreSQL in
/// <see cref="DataDirectory"/> from the machine's PostgreSQL binaries.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = DatabaseSettingNames.Section;

    /// <summary>
    /// An Npgsql connection string of an existing server shared by all coordinators
    /// (<c>PerfFleet:Database:ConnectionString</c>). Default: empty, which starts the embedded server.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The coordinator's data directory; the embedded cluster lives in its <c>postgres/</c>
    /// sub-directory. Relative paths are resolved against the current directory. Default <c>perffleet-data</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "perffleet-data";

    /// <summary>The database the embedded server creates and the coordinator uses. Default <c>perffleet</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "PerfFleet:Database:DatabaseName must be a lower-case identifier (letters, digits, _; at most 63).")]
    public string DatabaseName { get; set; } = "perffleet";

    /// <summary>
    /// Directory with <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. Default: empty, which takes the
    /// newest version found on PATH or in <c>/usr/lib/postgresql/*/bin</c>.
    /// </summary>
    public string? BinariesDirectory { get; set; }

    /// <summary>The system user that runs the embedded server when the coordinator runs as root. Default <c>postgres</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SystemUser { get; set; } = "postgres";

    /// <summary>How long the embedded server may take to start, in seconds (1-600). Default 60.</summary>
    [Range(1, 600)]
    public int StartTimeoutSeconds { get; set; } = 60;

    public bool UsesEmbeddedServer => string.IsNullOrWhiteSpace(ConnectionString);
}
