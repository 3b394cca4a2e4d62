using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>A PromQL query whose series are compared with the baseline's.</summary>
/// <remarks>
/// <para>ThresholdPercent: The change of the median (in percent) that counts as a regression or improvement.</para>
/// </remarks>
public sealed record ScenarioQuery(string Name, string PromQl, Better Better, double ThresholdPercent)
{
    /// <summary>The highest threshold the file accepts, for a query and for a resource rule alike.</summary>
    public const double MaxThresholdPercent = 1_000;
}
