namespace PerfFleet.EmbeddedPostgres;

/// <summary>
/// The configuration keys of the coordinator's database section (its DatabaseOptions bind to
/// <see cref="Section"/>), here because the embedded server's errors name the key that fixes them.
/// </summary>
public static class DatabaseSettingNames
{
    public const string Section = "PerfFleet:Database";

    public const string ConnectionString = Section + ":ConnectionString";

    public const string DataDirectory = Section + ":DataDirectory";

    public const string BinariesDirectory = Section + ":BinariesDirectory";
}
