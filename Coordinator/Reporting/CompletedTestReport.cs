using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// A test that reached a terminal state, with what it was compared with: <c>Comparison</c>
/// against the master set (null when the test failed before results), and for baseline runs
/// <c>PreviousBaseline</c>, the comparison with the baseline before it (alerted, never commented).
/// </summary>
public sealed record CompletedTestReport(LoadTest Test, PerfFleet.Contracts.V1.Comparison? Comparison, PerfFleet.Contracts.V1.Comparison? PreviousBaseline, long? InstallationId);
