using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// A <c>--duration</c> flag written the way scenario files write durations ("30s", "2m", "1m30s"),
/// so that one spelling works everywhere; "hh:mm:ss" is accepted too. Zero or less is a usage error.
/// </summary>
public static class DurationOption
{
    public static Option<TimeSpan?> Create(string description) => new("--duration")
    {
        Description = description,
        CustomParser = Parse,
    };

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (DurationParser.TryParse(text, out var value, out var error)
            || (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value)))
        {
            if (value > TimeSpan.Zero)
            {
                return value;
            }

            error = "must be more than zero";
        }

        result.AddError($"--duration '{text}' is not a duration such as 30s, 2m or 1m30s: {error}");
        return null;
    }
}
