namespace PerfFleet.EmbeddedPostgres;

/// <summary>File modes for the cluster's files: the embedded PostgreSQL is a Linux/Unix feature.</summary>
internal static class UnixFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner: everything; others: may pass through to a sub-directory they own, not list it.</summary>
    public const UnixFileMode PassThrough = OwnerOnly | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The embedded PostgreSQL runs on Linux; on Windows configure PerfFleet:Database:ConnectionString.");
        }

        File.SetUnixFileMode(path, mode);
    }
}
