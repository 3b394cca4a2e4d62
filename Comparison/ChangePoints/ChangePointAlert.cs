namespace PerfFleet.Comparison.ChangePoints;

/// <summary>
/// A step newly seen on the default branch: <see cref="Commit"/> and <see cref="TestId"/> are the
/// first baseline measured after it; before and after are the medians of the baselines' medians.
/// </summary>
public sealed record ChangePointAlert(
    string Repository,
    string? Scenario,
    string Metric,
    string Commit,
    Guid TestId,
    double ChangePercent,
    double Before,
    double After);
