using System.Diagnostics;

namespace PerfFleet.Runs.Stacks.Local;

/// <summary>One running service of a local stack: its process (the group leader) and its log file.</summary>
internal sealed class LocalServiceProcess(string name, Process process, string logPath, Task logPump)
{
    /// <summary>How much of the log's end is read: a long stack trace still leaves the error line in it.</summary>
    private const int TailBytes = 16 * 1024;

    public string Name { get; } = name;

    public Process Process { get; } = process;

    /// <summary>setsid makes the started process the leader of a new group: its pid is the group id.</summary>
    public int ProcessGroup { get; } = process.Id;

    public string LogPath { get; } = logPath;

    public Task LogPump { get; } = logPump;

    /// <summary>The end of the log, as <see cref="LogExcerpt"/> picks from it.</summary>
    public string LogTail()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - TailBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return LogExcerpt.Of(reader.ReadToEnd().Split('\n'));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }
}
