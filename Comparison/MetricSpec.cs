using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// What a metric is and how to judge it: which direction is better, the relative threshold in
/// percent a median change must pass, and an absolute floor the change must also pass (for
/// rates near zero, where a relative change is meaningless: 0.001 % to 0.002 % errors is +100 %).
/// </summary>
public sealed record MetricSpec(string Name, string Source, Better Better, double ThresholdPercent, double AbsoluteFloor = 0)
{
    public const string QuerySource = "query";
    public const string EngineSource = "engine";
    public const string ResourceSource = "resource";
}
