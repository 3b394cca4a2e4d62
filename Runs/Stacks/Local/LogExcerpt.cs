using System.Text.RegularExpressions;

namespace PerfFleet.Runs.Stacks.Local;

/// <summary>
/// The lines of a dead service's log worth putting in a failure reason. A crash ends with a stack
/// trace and a footer (Node: <c>requireStack: [...] } Node.js v20</c>), so the last lines alone
/// miss the cause; the lines that name an error (<c>Error: Cannot find module 'express'</c>) come
/// first, then the last few, in log order, without stack frames.
/// </summary>
public static partial class LogExcerpt
{
    private const int ErrorLines = 3;
    private const int LastLines = 3;
    private const int MaxLineLength = 300;

    public static string Of(IEnumerable<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = log.Select(l => l.Trim()).Where(l => l.Length > 0 && !StackFrame().IsMatch(l)).ToList();
        if (lines.Count == 0)
        {
            return "(no output)";
        }

        var errors = Enumerable.Range(0, lines.Count).Where(i => Meaningful().IsMatch(lines[i])).TakeLast(ErrorLines);
        var last = Enumerable.Range(Math.Max(0, lines.Count - LastLines), Math.Min(LastLines, lines.Count));
        return string.Join(" | ", errors.Union(last).Order().Select(i => Shorten(lines[i])));
    }

    private static string Shorten(string line) => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "...";

    [GeneratedRegex(@"error|exception|cannot find|not found|fatal|panic|failed|denied|refused|no such", RegexOptions.IgnoreCase)]
    private static partial Regex Meaningful();

    // Frames of Node, .NET, Java and Python traces: many lines that say where, never why.
    [GeneratedRegex(@"^(at |File ""|\.\.\. \d+ more)")]
    private static partial Regex StackFrame();
}
