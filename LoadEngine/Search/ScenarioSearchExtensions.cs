using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Search;

/// <summary>Turns a scenario file's <c>search:</c> section into the engine's search settings.</summary>
public static class ScenarioSearchExtensions
{
    /// <summary>The search's SLO, range, tolerance and budget (percentages become fractions).</summary>
    public static CapacitySearchOptions ToOptions(this ScenarioSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return new CapacitySearchOptions
        {
            Slo = new CapacitySlo(search.P99?.TotalMilliseconds, search.ErrorRatePercent / 100),
            From = search.From,
            To = search.To,
            Tolerance = search.TolerancePercent / 100,
            MaxSteps = search.MaxSteps,
        };
    }

    /// <summary>Each probe: <see cref="CapacityStepTiming.Default"/>'s warm-up, then the section's <c>step_duration</c>.</summary>
    public static CapacityStepTiming ToTiming(this ScenarioSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return CapacityStepTiming.Default with { Step = search.StepDuration };
    }
}
