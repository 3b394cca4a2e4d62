using System.Globalization;

namespace PerfFleet.EmbeddedPostgres;

/// <summary>
/// Reads a cluster's <c>postmaster.pid</c> (first line: the server's pid; fourth: its port) to
/// find a server left running by an earlier run that was killed.
/// </summary>
public static class PostmasterPidFile
{
    public const string FileName = "postmaster.pid";

    /// <summary>The pid of a live postgres server that owns <paramref name="clusterDirectory"/>, or null.</summary>
    public static int? FindRunningServer(string clusterDirectory)
    {
        var path = Path.Combine(clusterDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var firstLine = File.ReadLines(path).FirstOrDefault();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return null;
        }

        return IsPostgresProcess(pid) ? pid : null;
    }

    /// <summary>
    /// True when <paramref name="pid"/> is alive and is a postgres process: after a reboot the
    /// pid may belong to something else, which must not be signalled. A zombie (exited, not yet
    /// reaped by its parent) is not alive.
    /// </summary>
    public static bool IsPostgresProcess(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces, so look around the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var command = stat[(open + 1)..close];
            var state = stat[close + 2];
            return command.StartsWith("postgres", StringComparison.Ordinal) && state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // No such process: nothing is running.
            return false;
        }
    }
}
