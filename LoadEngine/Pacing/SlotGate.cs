using System.Diagnostics;
using PerfFleet.LoadEngine.Running;

namespace PerfFleet.LoadEngine.Pacing;

/// <summary>
/// One target's slots between the pacer and the lanes. The pacer releases slots in order as they
/// fall due; a released slot goes straight to a lane that is waiting, or, when every lane is busy,
/// stays in the backlog that the next free lane takes at once (its latency still counted from its
/// intended time: wrk2's correction for coordinated omission). Slots are handed out in order, so
/// payloads are replayed in order whatever the lanes' timing.
/// </summary>
internal sealed class SlotGate
{
    private readonly Lock _lock = new();
    private readonly Queue<LaneSignal> _idle = new();
    private long _released; // slots [0, _released) are due
    private long _next;     // the next slot to hand out; [_next, _released) is the backlog
    private bool _closed;
    private int _idleCount;
    private SlotPacer? _pacer;

    /// <summary>Slots handed out so far (the next slot number).</summary>
    public long Taken => Volatile.Read(ref _next);

    /// <summary>Whether a lane waits for the pacer (read without the lock: the pacer re-checks after a fence).</summary>
    public bool HasIdleLane => Volatile.Read(ref _idleCount) > 0;

    /// <summary>The pacer to wake when a lane starts waiting while the pacer rests (every lane was busy).</summary>
    public void Attach(SlotPacer pacer) => _pacer = pacer;

    /// <summary>Closed loop: the next slot, at once (the pacer and the lock are not used).</summary>
    public long TakeNow() => Interlocked.Increment(ref _next) - 1;

    /// <summary>
    /// Open model: the next due slot for a lane that is free, at once from the backlog or when the
    /// pacer releases it; <see cref="LaneSignal.Finished"/> when the run has ended (a backlog left at
    /// the end, or after a stop, is not sent: the runner counts it as dropped).
    /// </summary>
    public ValueTask<long> NextAsync(LaneSignal signal, RunClock clock)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            if (_next < _released || IsDue(_next, now, clock))
            {
                if (clock.StopRequested || now >= clock.EndTimestamp)
                {
                    return new ValueTask<long>(LaneSignal.Finished);
                }

                _released = Math.Max(_released, _next + 1);
                return new ValueTask<long>(_next++);
            }

            if (_closed)
            {
                return new ValueTask<long>(LaneSignal.Finished);
            }

            var wait = signal.Arm();
            _idle.Enqueue(signal);
            Volatile.Write(ref _idleCount, _idle.Count);
            Interlocked.MemoryBarrier(); // the pacer writes its flag, then reads the count; this lane the reverse
            _pacer?.LaneWaiting();
            return wait;
        }
    }

    /// <summary>Called by the pacer when <paramref name="slot"/> (the next one) falls due.</summary>
    public void Release(long slot)
    {
        LaneSignal? lane = null;
        lock (_lock)
        {
            _released = Math.Max(_released, slot + 1);

            // A lane waits only when there is no backlog, so the released slot is the next one.
            if (_idle.Count > 0 && _next == slot)
            {
                lane = _idle.Dequeue();
                Volatile.Write(ref _idleCount, _idle.Count);
                _next++;
            }
        }

        // Outside the lock: the lane's send runs inline, and it comes back for its next slot.
        lane?.Hand(slot);
    }

    /// <summary>
    /// A lane that comes free takes a slot already due without waiting for the pacer to release it:
    /// when the pacer runs late (a busy core), only the lanes that were idle at the due time wait for it.
    /// </summary>
    private static bool IsDue(long slot, long now, RunClock clock)
    {
        if (slot >= clock.SlotLimit)
        {
            return false;
        }

        var due = clock.DueTimestamp(slot);
        return due <= now && due < clock.EndTimestamp;
    }

    /// <summary>Called by the pacer when it releases nothing more: lanes still waiting finish.</summary>
    public void Close()
    {
        LaneSignal[] waiting;
        lock (_lock)
        {
            _closed = true;
            waiting = [.. _idle];
            _idle.Clear();
            Volatile.Write(ref _idleCount, 0);
        }

        foreach (var lane in waiting)
        {
            lane.Hand(LaneSignal.Finished);
        }
    }
}
