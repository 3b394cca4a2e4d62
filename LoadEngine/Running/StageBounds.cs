using System.Diagnostics;
using PerfFleet.LoadEngine.Plans;

namespace PerfFleet.LoadEngine.Running;

/// <summary>Where each stage of a staged plan ends, in Stopwatch ticks from the measured window's start.</summary>
internal sealed class StageBounds
{
    private readonly long[] _ends;

    private StageBounds(long[] ends) => _ends = ends;

    public int Count => _ends.Length;

    public static StageBounds Of(LoadPlan plan)
    {
        var ends = new long[plan.Stages.Count];
        var seconds = 0.0;
        for (var i = 0; i < ends.Length; i++)
        {
            seconds += plan.Stages[i].For.TotalSeconds;
            ends[i] = (long)(seconds * Stopwatch.Frequency);
        }

        return new StageBounds(ends);
    }

    /// <summary>The stage holding <paramref name="ticksIntoWindow"/>, or -1 outside every stage (warm-up, no stages, past the end).</summary>
    public int IndexOf(long ticksIntoWindow)
    {
        if (ticksIntoWindow < 0)
        {
            return -1;
        }

        for (var i = 0; i < _ends.Length; i++)
        {
            if (ticksIntoWindow < _ends[i])
            {
                return i;
            }
        }

        return -1;
    }
}
