namespace PerfFleet.Cli.Bisect;

/// <summary>What to bisect: a repository's scenario, the metric whose step is looked for, and how each run is made.</summary>
public sealed record BisectRequest(string Repository, string Scenario, string Metric, int Pairs, int Priority);
