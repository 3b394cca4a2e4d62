using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Scheduling;

/// <summary>
/// The open model's timetable: slot i (the i-th request, counting from 0 at the run's start) is due
/// when the cumulative arrival count N(t) reaches i. N is piecewise: constant-rate or linearly
/// ramping segments. The timetable is a pure function of the slot number, so every mirrored target
/// computes the same intended time for the same slot without sharing a queue, and a lagging
/// target's backlog keeps its original due times (which is what makes latency from the intended
/// time coordinated-omission-correct).
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly object _gate = new();
    private Segment[] _segments;

    private ArrivalSchedule(Segment[] segments) => _segments = segments;

    /// <summary>A constant rate forever.</summary>
    public static ArrivalSchedule Constant(double rate) => new([new Segment(0, 0, rate, rate, double.PositiveInfinity)]);

    /// <summary>The warm-up at the first stage's rate, then the stages (see <see cref="Plans.RateStage"/>).</summary>
    public static ArrivalSchedule FromStages(TimeSpan warmup, IReadOnlyList<Plans.RateStage> stages)
    {
        var segments = new List<Segment>();
        double time = 0, slots = 0, previousRate = stages[0].Rate;
        if (warmup > TimeSpan.Zero)
        {
            segments.Add(new Segment(0, 0, previousRate, previousRate, warmup.TotalSeconds));
            time = warmup.TotalSeconds;
            slots = previousRate * time;
        }

        foreach (var stage in stages)
        {
            var length = stage.For.TotalSeconds;

            // A step starts at its own rate, so the segment is flat; a ramp starts where the last stage ended.
            var startRate = stage.Shape == StageShape.Step ? stage.Rate : previousRate;
            segments.Add(new Segment(time, slots, startRate, stage.Rate, length));
            time += length;
            slots += (startRate + stage.Rate) / 2 * length;
            previousRate = stage.Rate;
        }

        // Past the last stage the rate holds, so the timetable is defined everywhere.
        segments.Add(new Segment(time, slots, previousRate, previousRate, double.PositiveInfinity));
        return new ArrivalSchedule([.. segments]);
    }

    /// <summary>Seconds from the run's start at which <paramref name="slot"/> is due.</summary>
    public double TimeOf(long slot)
    {
        var segments = Volatile.Read(ref _segments);
        var segment = segments[0];
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (segments[i].StartSlot <= slot)
            {
                segment = segments[i];
                break;
            }
        }

        return segment.StartTime + segment.TimeForSlots(slot - segment.StartSlot);
    }

    /// <summary>How many slots are due before <paramref name="seconds"/> (N(t), fractional).</summary>
    public double SlotsBefore(double seconds)
    {
        var segment = SegmentAt(seconds);
        return segment.StartSlot + segment.SlotsIn(seconds - segment.StartTime);
    }

    /// <summary>The last segment that starts at or before <paramref name="seconds"/>.</summary>
    private Segment SegmentAt(double seconds)
    {
        var segments = Volatile.Read(ref _segments);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (segments[i].StartTime <= seconds)
            {
                return segments[i];
            }
        }

        return segments[0];
    }

    /// <summary>The requested rate at <paramref name="seconds"/>.</summary>
    public double RateAt(double seconds)
    {
        var segment = SegmentAt(seconds);
        return segment.RateAt(seconds - segment.StartTime);
    }

    /// <summary>
    /// From <paramref name="nowSeconds"/> on, a constant <paramref name="rate"/> (overriding the
    /// remaining stages). Slots already due keep their times (they are sent or in the backlog);
    /// slots not yet due are re-timed, and lanes waiting for them read the new time on their next
    /// wake-up, so every mirrored target sends them at the same new time.
    /// </summary>
    public void SetRate(double rate, double nowSeconds)
    {
        lock (_gate)
        {
            var from = nowSeconds;
            var startSlot = SlotsBefore(from);
            var kept = _segments.Where(s => s.StartTime < from).ToList();
            kept.Add(new Segment(from, startSlot, rate, rate, double.PositiveInfinity));
            Volatile.Write(ref _segments, [.. kept]);
        }
    }

    private sealed record Segment(double StartTime, double StartSlot, double StartRate, double EndRate, double Length)
    {
        private double Slope => double.IsPositiveInfinity(Length) ? 0 : (EndRate - StartRate) / Length;

        public double RateAt(double t) => StartRate + (Slope * Math.Min(t, Length));

        public double SlotsIn(double t)
        {
            var within = Math.Min(t, Length);
            var slots = (StartRate * within) + (Slope * within * within / 2);
            return t > Length ? slots + (EndRate * (t - Length)) : slots;
        }

        public double TimeForSlots(double n)
        {
            var slope = Slope;
            if (Math.Abs(slope) < 1e-12)
            {
                return n / StartRate;
            }

            // Solve StartRate*t + slope*t²/2 = n for the first t ≥ 0.
            var t = (-StartRate + Math.Sqrt(Math.Max(0, (StartRate * StartRate) + (2 * slope * n)))) / slope;
            return double.IsFinite(t) && t <= Length ? t : Length + ((n - SlotsIn(Length)) / EndRate);
        }
    }
}
