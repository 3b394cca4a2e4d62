using System.Text.RegularExpressions;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>The PR comment that asks for a re-run: <c>/perf rerun</c>, optionally followed by one scenario name.</summary>
public static partial class PerfRerunCommand
{
    /// <summary>Comment authors whose <c>/perf rerun</c> is obeyed (DESIGN.md "Security").</summary>
    public static readonly IReadOnlySet<string> TrustedAssociations =
        new HashSet<string>(StringComparer.Ordinal) { "OWNER", "MEMBER", "COLLABORATOR" };

    private const int MaxCommandLength = 300;

    /// <summary>True when the whole comment is the command; <paramref name="scenario"/> is null when none was named.</summary>
    public static bool TryParse(string body, out string? scenario)
    {
        // A comment can be 65,536 characters; the command is short. Long bodies skip the regex.
        if (body is null || body.Length > MaxCommandLength)
        {
            scenario = null;
            return false;
        }

        var match = CommandPattern().Match(body);
        scenario = match.Success && match.Groups["scenario"].Success ? match.Groups["scenario"].Value : null;
        return match.Success;
    }

    [GeneratedRegex(@"^\s*/perf\s+rerun(?:\s+(?<scenario>[A-Za-z0-9_.\-]+))?\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CommandPattern();
}
