using System.Globalization;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Picks the samples of one resource that can be compared: inside the measured window (warm-up
/// and teardown readings are left out) and believable. NaN, infinite, negative and absurdly large
/// values come from a broken probe or a hostile report; they are skipped and counted by kind so
/// the verdict's message can name them, never passed to the statistics.
/// </summary>
public static class ResourceSampleFilter
{
    public static ResourceSamples Clean(IReadOnlyCollection<Sample> samples, ResourceKind kind, MeasuredWindow? window)
    {
        var values = new List<double>(samples.Count);
        int outside = 0, notANumber = 0, negative = 0, tooLarge = 0, badTime = 0;
        foreach (var sample in samples)
        {
            if (window is not null && sample.Time is not null)
            {
                if (!MeasuredWindow.TryTime(sample.Time, out var time))
                {
                    badTime++;
                    continue;
                }

                if (!window.Contains(time))
                {
                    outside++;
                    continue;
                }
            }

            var value = sample.Value;
            if (!double.IsFinite(value))
            {
                notANumber++;
            }
            else if (value < 0)
            {
                negative++;
            }
            else if (value > kind.MaxReported)
            {
                tooLarge++;
            }
            else
            {
                values.Add(value * kind.Scale);
            }
        }

        var reasons = new List<string>();
        AddReason(reasons, notANumber, "NaN or infinite");
        AddReason(reasons, negative, "negative");
        AddReason(reasons, tooLarge, string.Create(CultureInfo.InvariantCulture, $"above {kind.MaxReported:G3}"));
        AddReason(reasons, badTime, "with an invalid timestamp");
        return new ResourceSamples(values, samples.Count, outside, notANumber + negative + tooLarge + badTime, string.Join(", ", reasons));
    }

    private static void AddReason(List<string> reasons, int count, string what)
    {
        if (count > 0)
        {
            reasons.Add($"{count} {what}");
        }
    }
}
