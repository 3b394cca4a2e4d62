using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Stacks;

/// <summary>Everything a driver needs to bring one run's stack up.</summary>
/// <remarks>
/// <para>ProjectName: <c>pf-&lt;id&gt;</c>, the compose project and the name leftovers are found by.</para>
/// <para>WorkingDirectory: the checkout; relative paths of the scenario resolve against it.</para>
/// <para>LogDirectory: where the local driver writes each service's output.</para>
/// </remarks>
public sealed record StackLaunch(
    string RunId,
    string ProjectName,
    string WorkingDirectory,
    string LogDirectory,
    ScenarioStack Stack,
    IReadOnlyDictionary<string, string> Variables);
