using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Input;

/// <summary>
/// Reads filters from a query string and collects every problem in words that name the
/// parameter and what is allowed, so a bad URL gets one 400 page that lists them all.
/// Empty values mean "no filter" (an HTML form sends empty fields).
/// </summary>
internal sealed partial class QueryStringReader(IQueryCollection query)
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public string? Text(string name, int maxLength, Regex? pattern = null, string? patternDescription = null)
    {
        var value = Single(name);
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            problems.Add($"'{name}' is {value.Length} characters long; at most {maxLength} are allowed.");
            return null;
        }

        if (ControlCharacters().IsMatch(value))
        {
            problems.Add($"'{name}' contains control characters, which are not allowed.");
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            problems.Add($"'{name}' = '{Shorten(value)}' is not valid: {patternDescription}.");
            return null;
        }

        return value;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var value = Single(name);
        if (value is null)
        {
            return null;
        }

        if (value.Length <= 40 && EnumNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"'{name}' = '{Shorten(value)}' is not one of: {string.Join(", ", EnumNames.All<TEnum>())}.");
        return null;
    }

    public int Integer(string name, int defaultValue, int min, int max)
    {
        var value = Single(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (value.Length <= 12 && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        problems.Add($"'{name}' = '{Shorten(value)}' must be a whole number from {min} to {max}.");
        return defaultValue;
    }

    /// <summary>A run id that must be given: null when it is missing, repeated or malformed, each named as a problem.</summary>
    public Guid? RequiredRunId(string name)
    {
        var before = problems.Count;
        var value = Single(name);
        if (value is null)
        {
            if (problems.Count == before)
            {
                problems.Add($"'{name}' is missing: give the id of a run with results.");
            }

            return null;
        }

        if (RunIds.Parse(value, out var id) is { } problem)
        {
            problems.Add($"{name}: {problem}");
            return null;
        }

        return id;
    }

    private string? Single(string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            problems.Add($"'{name}' is given {values.Count} times; give it once.");
            return null;
        }

        var value = values.ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>Echoes a bad value back (encoded by the page) without filling the page with it.</summary>
    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    [GeneratedRegex(@"\p{Cc}")]
    private static partial Regex ControlCharacters();
}
