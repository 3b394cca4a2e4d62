using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Bisect;

/// <summary>A commit measured against the good one: the run whose verdict is final, and its row of the bisected metric.</summary>
public sealed record MeasuredCommit(string Commit, string TestId, MetricComparison Metric);
