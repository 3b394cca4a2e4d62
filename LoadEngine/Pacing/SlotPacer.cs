using System.Diagnostics;
using PerfFleet.LoadEngine.Running;

namespace PerfFleet.LoadEngine.Pacing;

/// <summary>
/// The open model's clock: one dedicated thread walks the timetable and releases each slot to every
/// target's <see cref="SlotGate"/> at its due time. It waits on an event while the next slot is far
/// off, sleeps with <see cref="PreciseSleep"/> when it is near, and spins only the last stretch (at
/// most <see cref="MaxSpinLead"/>, and a quarter of the gap between slots at high rates, so that on
/// one shared core the spinning leaves the lanes most of it). So a waiting lane sends within
/// microseconds of the intended time and no request needs a timer of its own. Time here is
/// Stopwatch ticks, not the injected TimeProvider: the pacer paces real sockets to the microsecond,
/// which neither a fake clock nor TimeProvider's millisecond timers can do (the run's wall-clock
/// start and end still come from TimeProvider). While every lane is busy there is nobody to wake:
/// lanes that come free take due slots themselves, so the pacer rests until a lane waits again.
/// </summary>
internal sealed class SlotPacer : IDisposable
{
    /// <summary>Spun, not slept, before a due time: about a loaded core's p99 wake-up latency after nanosleep (1 ns timer slack).</summary>
    internal static readonly long MaxSpinLead = Stopwatch.Frequency / 1_000_000 * 50;

    // Below this the pacer sleeps with nanosleep (not interruptible); above, on the event, so that a
    // rate change, a new end or a stop wakes it at once.
    private static readonly long EventWaitAbove = Stopwatch.Frequency / 500; // 2 ms
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    [ThreadStatic]
    private static bool t_onPacer;

    private readonly RunClock _clock;
    private readonly SlotGate[] _gates;
    private readonly ManualResetEventSlim _changed = new(false, spinCount: 0);
    private readonly Thread _thread;
    private int _resting;

    public SlotPacer(RunClock clock, SlotGate[] gates)
    {
        _clock = clock;
        _gates = gates;
        _thread = new Thread(Run) { IsBackground = true, Name = "PerfFleet load pacer" };
        foreach (var gate in gates)
        {
            gate.Attach(this);
        }
    }

    /// <summary>True on the pacer's thread (a lane whose request completed inline gives it back).</summary>
    public static bool OnPacerThread => t_onPacer;

    public void Start() => _thread.Start();

    /// <summary>The timetable or the end moved (a rate change, a new duration, a stop): look again now.</summary>
    public void Changed() => _changed.Set();

    /// <summary>A lane has started waiting for a slot: wake the pacer if it rests.</summary>
    public void LaneWaiting()
    {
        if (Volatile.Read(ref _resting) != 0)
        {
            _changed.Set();
        }
    }

    /// <summary>Waits for the thread to end (it ends by itself at the end of the run, the slot limit or a stop).</summary>
    public void Join() => _thread.Join();

    public void Dispose() => _changed.Dispose();

    private void Run()
    {
        t_onPacer = true;
        PreciseSleep.MinimiseTimerSlack();
        try
        {
            var previousDue = _clock.StartTimestamp;
            for (long slot = 0; slot < _clock.SlotLimit;)
            {
                _changed.Reset();
                if (_clock.StopRequested)
                {
                    return;
                }

                var due = _clock.DueTimestamp(slot);
                var end = _clock.EndTimestamp;
                var now = Stopwatch.GetTimestamp();
                if (due >= end)
                {
                    // Not in this run unless a rate change or a longer window brings it in.
                    if (now >= end)
                    {
                        return;
                    }

                    WaitUntil(end, MaxSpinLead);
                    continue;
                }

                if (now < due && !AnyLaneWaiting())
                {
                    // Every lane is busy: the first to come free takes this slot itself once it is due.
                    Rest();
                    slot = Math.Max(slot, _gates.Min(g => g.Taken)); // the slots the lanes took meanwhile
                    continue;
                }

                // Spinning through a whole short gap would take the core from the lanes; sleeping
                // through most of it costs at worst the sleep's wake-up latency, which is measured.
                var spinLead = Math.Min(MaxSpinLead, Math.Max(0, due - previousDue) / 4);
                if (now < due && !WaitUntil(due, spinLead))
                {
                    continue; // woken by a change: read the due time again
                }

                // Mirrored targets get the same slot at the same time; which goes first rotates so
                // that none of them is always a few microseconds behind the others.
                for (var i = 0; i < _gates.Length; i++)
                {
                    _gates[(int)((slot + i) % _gates.Length)].Release(slot);
                }

                previousDue = due;
                slot++;
            }
        }
        finally
        {
            foreach (var gate in _gates)
            {
                gate.Close();
            }
        }
    }

    private bool AnyLaneWaiting() => _gates.Any(g => g.HasIdleLane);

    /// <summary>Waits until a lane waits for a slot, or a change (a stop, a new rate or end), or 50 ms.</summary>
    private void Rest()
    {
        Interlocked.Exchange(ref _resting, 1); // a full fence: a lane that starts waiting after it sees the flag
        if (!AnyLaneWaiting())
        {
            _changed.Wait(50);
        }

        Volatile.Write(ref _resting, 0);
    }

    /// <summary>Waits until <paramref name="target"/>; false when woken early by <see cref="Changed"/>.</summary>
    private bool WaitUntil(long target, long spinLead)
    {
        while (true)
        {
            var remaining = target - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            if (_changed.IsSet)
            {
                return false;
            }

            if (remaining > EventWaitAbove)
            {
                if (_changed.Wait((int)((remaining - EventWaitAbove + TicksPerMillisecond - 1) / TicksPerMillisecond)))
                {
                    return false;
                }
            }
            else if (remaining > spinLead)
            {
                PreciseSleep.Sleep(remaining - spinLead);
            }
            else
            {
                // A pure spin, no yield: on a core shared with busy processes a yield hands one of them
                // a whole time slice (milliseconds), far longer than the few microseconds left.
                while (Stopwatch.GetTimestamp() < target)
                {
                    Thread.SpinWait(20);
                }

                return true;
            }
        }
    }
}
