using System.Globalization;

namespace PerfFleet.Contracts.Comparisons;

/// <summary>A comparison row's p-value as every report shows it: four decimals, a floor below which the digits say nothing, and a mark where no test was possible.</summary>
public static class PValueText
{
    /// <param name="p">The row's p-value; NaN when only the threshold judged it (one value a side).</param>
    /// <param name="missing">What to show for NaN ("-" in a terminal, "—" on the web, "n/a" in Markdown).</param>
    /// <param name="below">What to show under 0.0001.</param>
    public static string Of(double p, string missing, string below = "<0.0001") =>
        double.IsNaN(p) ? missing : p < 0.0001 ? below : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
