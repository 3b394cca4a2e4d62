using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The earlier runs of one PR comment: a re-run (<c>/perf rerun</c>, a new push) edits the
/// comment in place, so the verdict it replaces would be lost. Each rendered comment names its
/// own run in a hidden line; when the comment is edited, the runs named in the old body are
/// folded below the new verdict (newest first, in <c>&lt;details&gt;</c>), with their hidden
/// lines, so the next edit finds them again. The comment is the store: nothing else keeps them.
/// Interim runs (a follow-up settled their verdict) are left out of the list: one request that
/// took three runs to decide is one verdict, and each of its run pages links the others.
/// </summary>
public static class CommentHistory
{
    /// <summary>How many earlier runs a comment keeps: far below GitHub's 65,536-character limit.</summary>
    public const int MaxEarlierRuns = 20;

    private const string Prefix = "<!-- perffleet-run ";
    private const string Suffix = " -->";

    /// <summary>The hidden line that names <paramref name="run"/> in a comment.</summary>
    public static string Line(CommentRun run) => Prefix + ReportJson.Serialize(run) + Suffix;

    /// <summary>The runs a comment body names, in the order they appear (its own first).</summary>
    public static IReadOnlyList<CommentRun> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var runs = new List<CommentRun>();
        foreach (var line in body.Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !line.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                runs.Add(ReportJson.Deserialize<CommentRun>(line[Prefix.Length..^Suffix.Length]));
            }
            catch (JsonException)
            {
                // Someone edited the comment by hand: that one run is not listed, the rest are.
            }
        }

        return runs;
    }

    /// <summary>
    /// <paramref name="latest"/> with the runs <paramref name="previous"/> (the comment it
    /// replaces) named folded below it. The same run reported again (an interim report, then the
    /// final one) is listed once, as the latest.
    /// </summary>
    public static string Merge(string latest, string? previous)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var current = Parse(latest);
        if (previous is null || current.Count == 0)
        {
            return latest;
        }

        var earlier = Parse(previous)
            .Where(run => !run.Interim && !current.Any(c => SameRun(c, run)))
            .DistinctBy(run => run.Url ?? run.Commit + run.Verdict)
            .Take(MaxEarlierRuns)
            .ToList();
        if (earlier.Count == 0)
        {
            return latest;
        }

        var text = new StringBuilder(latest.TrimEnd());
        text.Append(CultureInfo.InvariantCulture, $"\n\n<details><summary>Earlier runs ({earlier.Count})</summary>\n\n");
        text.AppendLine("| commit | verdict | run |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var run in earlier)
        {
            var link = run.Url is null ? "—" : $"[run page]({run.Url})";
            text.Append(CultureInfo.InvariantCulture, $"| `{run.Commit}` | {run.Verdict} | {link} |\n");
        }

        text.AppendLine().AppendLine("</details>");
        foreach (var run in earlier)
        {
            text.AppendLine(Line(run));
        }

        return text.ToString();
    }

    private static bool SameRun(CommentRun a, CommentRun b) => a.Url is not null ? a.Url == b.Url : a == b;
}
