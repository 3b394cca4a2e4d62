using System.Globalization;

namespace PerfFleet.Runs.Resources;

/// <summary>
/// CPU and memory of local services from <c>/proc</c>: each service is a process group, and its
/// reading is the sum over the group's live processes (a shell and what it started).
/// </summary>
public sealed class ProcessGroupProbe(IReadOnlyDictionary<string, int> groupsByName) : IResourceProbe
{
    // USER_HZ is 100 on every Linux ABI .NET runs on; /proc reports CPU times in these ticks.
    private const double TicksPerSecond = 100;

    public Task<IReadOnlyList<ResourceReading>> ReadAsync(CancellationToken cancellationToken)
    {
        var totals = groupsByName.Values.ToDictionary(g => g, _ => (Ticks: 0L, RssPages: 0L));
        foreach (var stat in ReadAllStats())
        {
            if (totals.TryGetValue(stat.ProcessGroup, out var total))
            {
                totals[stat.ProcessGroup] = (total.Ticks + stat.CpuTicks, total.RssPages + stat.RssPages);
            }
        }

        IReadOnlyList<ResourceReading> readings = [.. groupsByName.Select(pair => new ResourceReading(
            pair.Key, totals[pair.Value].Ticks / TicksPerSecond, totals[pair.Value].RssPages * Environment.SystemPageSize))];
        return Task.FromResult(readings);
    }

    /// <summary>Process ids whose process group is <paramref name="processGroup"/>.</summary>
    public static IReadOnlyList<int> ProcessesInGroup(int processGroup) =>
        [.. ReadAllStats().Where(s => s.ProcessGroup == processGroup).Select(s => s.ProcessId)];

    private static IEnumerable<ProcStat> ReadAllStats()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the process exited while we looked: it uses nothing any more
            }

            if (Parse(pid, text) is { } stat)
            {
                yield return stat;
            }
        }
    }

    // Fields after the ")" that closes the command name (which may itself contain spaces):
    // [0]=state [2]=pgrp [11]=utime [12]=stime [21]=rss (pages).
    private static ProcStat? Parse(int pid, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 22 || fields[0] == "Z")
        {
            return null;
        }

        return new ProcStat(
            pid,
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
            long.Parse(fields[21], CultureInfo.InvariantCulture));
    }

    private sealed record ProcStat(int ProcessId, int ProcessGroup, long CpuTicks, long RssPages);
}
