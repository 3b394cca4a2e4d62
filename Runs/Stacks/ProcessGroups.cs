using PerfFleet.Runs.Processes;
using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks;

/// <summary>Signals whole process groups (a service's shell and everything it started) through kill(1).</summary>
public static class ProcessGroups
{
    public static async Task SignalAsync(int processGroup, string signal)
    {
        // "kill -SIG -- -PGID" addresses the group; it fails harmlessly when the group is gone.
        await ProcessRunner.RunAsync("kill", [$"-{signal}", "--", $"-{processGroup}"], new ProcessRunOptions(Timeout: TimeSpan.FromSeconds(10)), CancellationToken.None);
    }

    public static bool IsEmpty(int processGroup) => ProcessGroupProbe.ProcessesInGroup(processGroup).Count == 0;

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns whether SIGKILL was needed.</summary>
    public static async Task<bool> TerminateAsync(int processGroup, TimeSpan grace, TimeProvider time)
    {
        await SignalAsync(processGroup, "TERM");
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < grace)
        {
            if (IsEmpty(processGroup))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }

        await SignalAsync(processGroup, "KILL");
        for (var i = 0; i < 100 && !IsEmpty(processGroup); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }

        return true;
    }
}
