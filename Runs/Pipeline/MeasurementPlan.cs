using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// One stack to measure: the scenario with its variables substituted, the checkout the stack runs
/// in and where its services' logs go.
/// </summary>
internal sealed record MeasurementPlan(Scenario Scenario, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, string LogDirectory);
