using System.Globalization;

namespace PerfFleet.Comparison;

/// <summary>How a change and its interval read in a verdict's message, the same for every rule.</summary>
internal static class ChangeText
{
    public static string Percent(double value) =>
        double.IsPositiveInfinity(value) ? "+inf %"
        : double.IsNegativeInfinity(value) ? "-inf %"
        : value.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + " %";

    public static string Interval(ChangeEstimate change, string kind) =>
        change.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $"{Percent(change.EstimatePercent)} ({change.Confidence * 100:0.###} % {kind} interval {Percent(change.LowPercent)} to {Percent(change.HighPercent)})")
            : Percent(change.EstimatePercent);
}
