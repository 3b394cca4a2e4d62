using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// A scenario's <c>resources:</c> section: how its stack's CPU and memory are judged. What it
/// leaves out is decided by the coordinator's options. It travels with the results: the worker
/// writes it into each <see cref="ResourceSeries"/> (<see cref="Annotate"/>), as a query's
/// threshold travels in its <see cref="QueryResult"/>.
/// </summary>
/// <remarks>
/// <para>Ignore: Container (compose service or local service) names that are recorded and charted but never judged.</para>
/// </remarks>
public sealed record ScenarioResources(ScenarioResourceRule Cpu, ScenarioResourceRule Memory, IReadOnlyList<string> Ignore)
{
    /// <summary>No <c>resources:</c> section: every container judged by the coordinator's options.</summary>
    public static ScenarioResources Default { get; } = new(ScenarioResourceRule.Unset, ScenarioResourceRule.Unset, []);

    /// <summary>Writes the rules into the series the worker reports (in place; returns them).</summary>
    public IReadOnlyList<ResourceSeries> Annotate(IReadOnlyList<ResourceSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var one in series)
        {
            one.CpuRule = Cpu.ToMessage();
            one.MemoryRule = Memory.ToMessage();
            one.NotJudged = Ignore.Contains(one.Name, StringComparer.Ordinal);
        }

        return series;
    }
}

/// <summary>A threshold (percent) and a floor (cores or MiB) for one resource; null: the coordinator's.</summary>
public sealed record ScenarioResourceRule(double? ThresholdPercent, double? Floor)
{
    /// <summary>Floors past these are no floors at all: no container moves that much and stays comparable.</summary>
    public const double MaxCpuFloorCores = 1_000;

    public const double MaxMemoryFloorMiB = 1_048_576;

    public static ScenarioResourceRule Unset { get; } = new(null, null);

    /// <summary>The rule as reported, or null when the scenario set nothing (so the series stays as it was).</summary>
    public ResourceRule? ToMessage()
    {
        if (ThresholdPercent is null && Floor is null)
        {
            return null;
        }

        var rule = new ResourceRule();
        if (ThresholdPercent is { } threshold)
        {
            rule.ThresholdPercent = threshold;
        }

        if (Floor is { } floor)
        {
            rule.Floor = floor;
        }

        return rule;
    }
}
