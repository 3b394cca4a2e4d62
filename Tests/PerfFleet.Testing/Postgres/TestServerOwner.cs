using System.Globalization;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// The test process that owns a test server directory, written as a marker file into it. The
/// process start time guards against pid reuse: a new process with an old pid is not the owner.
/// </summary>
public sealed record TestServerOwner(int ProcessId, long StartTime)
{
    public const string MarkerFileName = "owner";

    public static TestServerOwner Current { get; } = ForProcess(Environment.ProcessId)
        ?? throw new InvalidOperationException("Cannot read this process's own /proc entry.");

    /// <summary>The owner record of a live process, or null when no such process runs.</summary>
    public static TestServerOwner? ForProcess(int processId)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ..." — the command may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new TestServerOwner(processId, long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void WriteTo(string directory) =>
        File.WriteAllText(Path.Combine(directory, MarkerFileName), $"{ProcessId} {StartTime}");

    /// <summary>The owner recorded in <paramref name="directory"/>, or null when there is no readable marker.</summary>
    public static TestServerOwner? ReadFrom(string directory)
    {
        var path = Path.Combine(directory, MarkerFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTime)
            ? new TestServerOwner(pid, startTime)
            : null;
    }

    public bool IsAlive => ForProcess(ProcessId) is { } live && live.StartTime == StartTime;
}
