using System.Diagnostics;
using PerfFleet.LoadEngine.Scheduling;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// The shared timeline of one run, in Stopwatch ticks. The hot loop reads the high-resolution
/// clock directly (Stopwatch.GetTimestamp) instead of the injected TimeProvider: it measures real
/// network latency against real sockets, which a fake clock cannot speed up or slow down, and
/// it is read twice per request, where an interface call and a TimeSpan conversion would show.
/// </summary>
internal sealed class RunClock(long startTimestamp, TimeSpan warmup, TimeSpan measured, ArrivalSchedule? schedule, long? slotLimit) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private long _endTimestamp = startTimestamp + ToTicks(warmup + measured);

    public long StartTimestamp { get; } = startTimestamp;

    public long WindowStartTimestamp { get; } = startTimestamp + ToTicks(warmup);

    /// <summary>When the measured window ends; brought forward by <see cref="Stop"/>.</summary>
    public long EndTimestamp => Volatile.Read(ref _endTimestamp);

    /// <summary>Null for a closed-loop run.</summary>
    public ArrivalSchedule? Schedule { get; } = schedule;

    /// <summary>With replay once / times N: how many slots the whole run sends.</summary>
    public long SlotLimit { get; } = slotLimit ?? long.MaxValue;

    public CancellationToken Stopping => _stop.Token;

    public bool StopRequested => _stop.IsCancellationRequested;

    public long DueTimestamp(long slot) => StartTimestamp + (long)(Schedule!.TimeOf(slot) * Stopwatch.Frequency);

    public double SecondsSinceStart(long timestamp) => (double)(timestamp - StartTimestamp) / Stopwatch.Frequency;

    /// <summary>Ends the run now: no new request is sent, waiting lanes wake up.</summary>
    public void Stop()
    {
        var now = Stopwatch.GetTimestamp();
        long current;
        while (now < (current = EndTimestamp) && Interlocked.CompareExchange(ref _endTimestamp, now, current) != current)
        {
        }

        _stop.Cancel();
    }

    /// <summary>
    /// Moves the end of the measured window to <paramref name="measured"/> after its start (never
    /// before now): a running test made longer or shorter. False when the run has already ended or
    /// is stopping. Lanes wait for min(due, end) and re-read the end, so they follow the change.
    /// </summary>
    public bool TryChangeMeasured(TimeSpan measured)
    {
        var now = Stopwatch.GetTimestamp();
        var wanted = Math.Max(WindowStartTimestamp + ToTicks(measured), now);
        long current;
        do
        {
            current = EndTimestamp;
            if (StopRequested || current <= now)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _endTimestamp, wanted, current) != current);

        return true;
    }

    public void Dispose() => _stop.Dispose();

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
