using System.CommandLine;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `--search`, a capacity search for `run` and `schedule` without editing the scenario file: the
/// value a scenario's `search:` section would have, read with the file's rules and messages.
/// </summary>
public static class SearchOption
{
    public static Option<string?> Create() => new("--search")
    {
        Description = "Find the highest rate that meets an SLO instead of one run at the scenario's rate, " +
            "written as a scenario's search: section, e.g. \"{slo: {p99: 50ms, error_rate: 1%}, from: 100, to: 20000}\"",
    };

    /// <summary>The text when it reads as a search section; null when none was given.</summary>
    /// <exception cref="CliUsageException">It does not: the message names the field and the rule.</exception>
    public static string? Check(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            ScenarioParser.ParseSearch(text, "--search");
            return text;
        }
        catch (ScenarioException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
