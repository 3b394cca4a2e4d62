namespace PerfFleet.EmbeddedPostgres;

/// <summary>
/// The embedded server's connection string in <c>{DataDirectory}/embedded-connection-string</c>
/// (mode 0600), while it runs: its port is chosen at start and its password generated, so a
/// second coordinator on this machine could not otherwise join the first one's database. It
/// starts with the same data directory (the same generated tokens) and
/// <c>PerfFleet__Database__ConnectionString="$(cat …/embedded-connection-string)"</c>.
/// Removed when the server stops, so a stale port is never offered.
/// </summary>
public static class SharedConnectionFile
{
    public const string FileName = "embedded-connection-string";

    public static string PathIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    public static void Write(string dataDirectory, string connectionString)
    {
        var path = PathIn(dataDirectory);
        File.Delete(path);

        // Created readable by this user only, before the password is in it.
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(file);
        writer.Write(connectionString);
    }

    public static void Remove(string dataDirectory) => File.Delete(PathIn(dataDirectory));
}
