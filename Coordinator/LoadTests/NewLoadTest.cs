using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>A test to create: a validated spec, the test it re-runs, and the GitHub App installation to report with.</summary>
public sealed record NewLoadTest(LoadTestSpec Spec, Guid? RerunOf = null, long? InstallationId = null);
