using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.LocalRun;

/// <summary>How long a local run's warm-up and measured window last, for "measuring 12s of 1m".</summary>
public sealed record LoadWindow(TimeSpan Warmup, TimeSpan Measured)
{
    /// <summary>
    /// The window the scenario file asks for, with <c>--duration</c> applied, and whether the run
    /// is a capacity search (<paramref name="searchGiven"/>, or the scenario's own search). The
    /// window is null when the file cannot be read here (the run reports why), its load comes from
    /// a load-generator service, or it is a search, whose probes stop when the knee is found.
    /// </summary>
    public static (LoadWindow? Window, bool Searching) Read(string scenarioText, string? scenario, TimeSpan? duration, bool searchGiven)
    {
        try
        {
            var selected = ScenarioParser.Parse(scenarioText).Select(scenario);
            var searching = searchGiven || selected.Search is not null;
            return selected.Load is { } load && selected.Stack.LoadGenerator is null && !searching
                ? (new LoadWindow(load.Warmup, duration ?? load.MeasuredDuration), false)
                : (null, searching);
        }
        catch (ScenarioException)
        {
            return (null, searchGiven);
        }
    }
}
