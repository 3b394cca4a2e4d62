namespace PerfFleet.Contracts.Scenarios;

/// <summary>One named scenario: the stack to bring up, the load to drive, the queries to run.</summary>
/// <remarks>
/// <para>Load: Null only when the stack names a load-generator service that makes the load.</para>
/// </remarks>
public sealed record Scenario(string Name, ScenarioStack Stack, ScenarioLoad? Load, IReadOnlyList<ScenarioQuery> Queries);
