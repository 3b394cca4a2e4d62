using Google.Protobuf;
using Google.Protobuf.Collections;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// Keeps a repetition within one ReportResults message. An unpaired run streams each query and
/// resource series as its own chunk; a repetition carries all of its own in one, so a long window
/// with many containers could pass the coordinator's 4 MiB receive limit and lose the whole run.
/// Past the budget every series keeps every other sample, as often as needed: the samples stay
/// spread over the whole window, so medians barely move.
/// </summary>
internal static class RepetitionBudget
{
    /// <summary>Below the 4 MiB default receive limit, with room for the frame and the chunk around it.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Thins <paramref name="repetition"/> in place until it fits; returns how many times it halved the samples.</summary>
    public static int Fit(Repetition repetition, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(repetition);
        var halvings = 0;
        while (repetition.CalculateSize() > maxBytes && HalveAll(repetition))
        {
            halvings++;
        }

        return halvings;
    }

    private static bool HalveAll(Repetition repetition)
    {
        var changed = false;
        foreach (var query in repetition.Queries)
        {
            foreach (var series in query.Series)
            {
                changed |= Halve(series.Samples);
            }
        }

        foreach (var resources in repetition.Resources)
        {
            changed |= Halve(resources.CpuCores);
            changed |= Halve(resources.MemoryBytes);
        }

        return changed;
    }

    /// <summary>Keeps the even-numbered samples (first and, when the count is odd, last included); two or fewer stay.</summary>
    private static bool Halve(RepeatedField<Sample> samples)
    {
        if (samples.Count <= 2)
        {
            return false;
        }

        var kept = samples.Where((_, i) => i % 2 == 0).ToList();
        samples.Clear();
        samples.Add(kept);
        return true;
    }
}
