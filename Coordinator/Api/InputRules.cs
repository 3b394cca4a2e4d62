using System.Text.RegularExpressions;

namespace PerfFleet.Coordinator.Api;

/// <summary>The shapes of names and URLs every admin call accepts, in one place.</summary>
public static partial class InputRules
{
    /// <summary>owner/name as GitHub spells it.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")]
    public static partial Regex RepositoryName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    public static partial Regex ScenarioName();

    /// <summary>
    /// Null when <paramref name="url"/> is a clone URL git may be given: no spaces or control
    /// characters, not starting with '-' (git would read it as an option), at most 2048 characters.
    /// </summary>
    public static string? CloneUrlProblem(string url) =>
        url.Length > 2048 ? "at most 2048 characters"
        : url.Any(c => char.IsControl(c) || c == ' ') ? "must be a URL git accepts, without spaces or control characters"
        : url.StartsWith('-') ? "must not start with '-'"
        : null;
}
