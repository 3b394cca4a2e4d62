using System.Diagnostics;

namespace PerfFleet.Worker.Stacks.Local;

/// <summary>One running service of a local stack: its process (the group leader) and its log file.</summary>
internal sealed class LocalServiceProcess(string name, Process process, string logPath, Task logPump)
{
    public string Name { get; } = name;

    public Process Process { get; } = process;

    /// <summary>setsid makes the started process the leader of a new group: its pid is the group id.</summary>
    public int ProcessGroup { get; } = process.Id;

    public string LogPath { get; } = logPath;

    public Task LogPump { get; } = logPump;

    public string LogTail()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - 2000), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }
}
