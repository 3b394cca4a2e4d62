using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// One stack to measure: the scenario with its variables substituted, the checkout the stack runs
/// in and where its services' logs go. <c>StackNameSuffix</c> tells apart the stacks of one run that
/// are up at the same time (a paired run's kept stacks: a compose project name is one stack's).
/// </summary>
internal sealed record MeasurementPlan(Scenario Scenario, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, string LogDirectory, string StackNameSuffix = "");
