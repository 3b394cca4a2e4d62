using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PerfFleet.LoadEngine.Pacing;

/// <summary>
/// Sub-millisecond sleeping for the pacer thread. .NET's own waits (Thread.Sleep, Monitor, events,
/// timers) take whole milliseconds, which is the jitter the pacer exists to remove, and spinning
/// through that millisecond would burn a core at any rate above a few hundred per second. Linux's
/// nanosleep sleeps to the microsecond once the thread's timer slack (50 µs by default) is set to
/// its minimum, so the pacer sleeps to within a few tens of microseconds of a due time and spins
/// only the rest. PerfFleet runs on Linux only (the assembly says so), so there is no fallback.
/// </summary>
internal static partial class PreciseSleep
{
    private const int PrSetTimerSlack = 29;
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Asks the kernel to wake the calling thread's sleeps as close to their end as it can (1 ns slack).</summary>
    public static void MinimiseTimerSlack() => _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);

    /// <summary>Sleeps about <paramref name="ticks"/> Stopwatch ticks (returns early on a signal; callers re-check the time).</summary>
    public static void Sleep(long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }

        var nanos = (long)(ticks * ((double)NanosPerSecond / Stopwatch.Frequency));
        var request = new Timespec(nanos / NanosPerSecond, nanos % NanosPerSecond);
        _ = Nanosleep(in request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Timespec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int Nanosleep(in Timespec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
