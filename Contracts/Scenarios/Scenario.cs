namespace PerfFleet.Contracts.Scenarios;

/// <summary>One named scenario: the stack to bring up, the load to drive, the queries to run, and how its stack's CPU and memory are judged.</summary>
/// <remarks>
/// <para>Load: Null only when the stack names a load-generator service that makes the load.</para>
/// <para>Resources: The <c>resources:</c> section, or <see cref="ScenarioResources.Default"/> when there is none.</para>
/// </remarks>
public sealed record Scenario(string Name, ScenarioStack Stack, ScenarioLoad? Load, IReadOnlyList<ScenarioQuery> Queries, ScenarioResources Resources)
{
    /// <summary>The <c>repeat:</c> section (paired runs only), or <see cref="ScenarioRepeat.None"/>.</summary>
    public ScenarioRepeat Repeat { get; init; } = ScenarioRepeat.None;

    /// <summary>The <c>search:</c> section (a capacity search instead of one run at the load's rate), or null.</summary>
    public ScenarioSearch? Search { get; init; }
}
