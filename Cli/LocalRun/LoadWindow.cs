using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.LocalRun;

/// <summary>How long a local run's warm-up and measured window last, for "measuring 12s of 1m".</summary>
public sealed record LoadWindow(TimeSpan Warmup, TimeSpan Measured)
{
    /// <summary>
    /// The window the scenario file asks for, with <c>--duration</c> applied; null when the file
    /// cannot be read here (the run reports why), its load comes from a load-generator service, or
    /// it is a capacity search (<paramref name="searching"/>, or the scenario's own), whose probes stop when the knee is found.
    /// </summary>
    public static LoadWindow? Of(string scenarioText, string? scenario, TimeSpan? duration, bool searching = false)
    {
        try
        {
            var selected = ScenarioParser.Parse(scenarioText).Select(scenario);
            return selected.Load is { } load && selected.Stack.LoadGenerator is null && selected.Search is null && !searching
                ? new LoadWindow(load.Warmup, duration ?? load.MeasuredDuration)
                : null;
        }
        catch (ScenarioException)
        {
            return null;
        }
    }

    /// <summary>True when the scenario the file selects has a capacity search (false when the file cannot be read here).</summary>
    public static bool HasSearch(string scenarioText, string? scenario)
    {
        try
        {
            return ScenarioParser.Parse(scenarioText).Select(scenario).Search is not null;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }
}
