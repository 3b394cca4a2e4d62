using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.LocalRun;

/// <summary>How long a local run's warm-up and measured window last, for "measuring 12s of 1m".</summary>
public sealed record LoadWindow(TimeSpan Warmup, TimeSpan Measured)
{
    /// <summary>
    /// The window the scenario file asks for, with <c>--duration</c> applied; null when the file
    /// cannot be read here (the run reports why) or its load comes from a load-generator service.
    /// </summary>
    public static LoadWindow? Of(string scenarioText, string? scenario, TimeSpan? duration)
    {
        try
        {
            var selected = ScenarioParser.Parse(scenarioText).Select(scenario);
            return selected.Load is { } load && selected.Stack.LoadGenerator is null
                ? new LoadWindow(load.Warmup, duration ?? load.MeasuredDuration)
                : null;
        }
        catch (ScenarioException)
        {
            return null;
        }
    }
}
