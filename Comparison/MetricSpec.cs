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

    /// <summary>
    /// A query's rule as its results carry it. A floor that is not a positive finite figure (a
    /// result stored before queries had floors, or a hostile one) is no floor.
    /// </summary>
    public static MetricSpec ForQuery(QueryResult query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var floor = double.IsFinite(query.Floor) && query.Floor > 0 ? query.Floor : 0;
        return new MetricSpec(query.Name, QuerySource, query.Better, query.ThresholdPercent, floor);
    }
}
