using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>A PromQL query whose series are compared with the baseline's.</summary>
/// <remarks>
/// <para>ThresholdPercent: The change of the median (in percent) that counts as a regression or improvement.</para>
/// <para>Floor: the least absolute change, in the query's units, that counts as well (0: none). A
/// ratio near zero (an error ratio of 0.2 %) moves by tens of percent from window to window; without
/// a floor no run of pairs can rule out a change of its threshold's size.</para>
/// </remarks>
public sealed record ScenarioQuery(string Name, string PromQl, Better Better, double ThresholdPercent, double Floor = 0)
{
    /// <summary>The highest threshold the file accepts, for a query and for a resource rule alike.</summary>
    public const double MaxThresholdPercent = 1_000;

    /// <summary>The largest floor the file accepts: any finite figure a query could answer with is below it.</summary>
    public const double MaxFloor = 1e12;
}
