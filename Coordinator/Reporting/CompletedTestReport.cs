using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// A test that reached a terminal state, with what it was compared with: <c>Comparison</c>
/// against the master set (null when the test failed before results), and for baseline runs
/// <c>PreviousBaseline</c>, the comparison with the baseline before it (alerted, never commented).
/// <c>Interim</c>: a follow-up run settles the verdict (more pairs, a confirmation), so the report
/// is the PR comment only, with no final status and no alert.
/// </summary>
public sealed record CompletedTestReport(LoadTest Test, PerfFleet.Contracts.V1.Comparison? Comparison, PerfFleet.Contracts.V1.Comparison? PreviousBaseline, long? InstallationId, bool Interim = false);
