using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>What the test (LoadTestSpec or a later Update) overrides of the scenario's load; null = as in the file.</summary>
public sealed record LoadOverrides(double? Rate, TimeSpan? Duration, string? Tag)
{
    /// <summary>
    /// The scenario's capacity search, when it has one: the load step then runs it instead of the
    /// fixed rate (a rate or duration override does not apply to it).
    /// </summary>
    public ScenarioSearch? Search { get; init; }

    public static readonly LoadOverrides None = new(null, null, null);

    /// <summary>What <paramref name="spec"/> overrides: a rate or duration of zero, or an empty tag, leaves the scenario's.</summary>
    public static LoadOverrides From(LoadTestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new LoadOverrides(
            spec.Rate > 0 ? spec.Rate : null,
            spec.Duration is { } d && d.ToTimeSpan() > TimeSpan.Zero ? d.ToTimeSpan() : null,
            string.IsNullOrEmpty(spec.Tag) ? null : spec.Tag);
    }
}
