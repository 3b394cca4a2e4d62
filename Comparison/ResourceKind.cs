using Google.Protobuf.Collections;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// One resource the comparison judges per container: where its samples and the scenario's rule
/// for it are in a <see cref="ResourceSeries"/>, its configured threshold and floor, the largest
/// floor a scenario may set, the factor from the reported unit to the compared one, and the
/// largest believable reported value (anything above is a broken probe, not a measurement).
/// </summary>
public sealed record ResourceKind(
    string Suffix,
    string Label,
    Func<ResourceSeries, RepeatedField<Sample>> Samples,
    Func<ResourceSeries, ResourceRule?> Rule,
    Func<ResourceComparisonOptions, double> ConfiguredThreshold,
    Func<ResourceComparisonOptions, double> ConfiguredFloor,
    double MaxRuleFloor,
    double Scale,
    double MaxReported);
