using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Pipeline;

/// <summary>The scenario to run with its variables substituted, and the variables the stack gets.</summary>
public sealed record LoadedScenario(Scenario Scenario, IReadOnlyDictionary<string, string> Variables);
