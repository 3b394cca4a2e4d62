using System.Globalization;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Builds the outbox rows storage writes: the <c>pending</c> status when a test is scheduled, and
/// at the end the final status, the PR comment and the alerts. Payloads are complete (the comment
/// is rendered here), so sending needs nothing but the row.
/// </summary>
public sealed class ReportMessageFactory(IOptions<ReportingOptions> options)
{
    public string StatusContext(string scenario) =>
        $"{options.Value.StatusContextPrefix}/{(scenario.Length == 0 ? "default" : scenario)}";

    /// <summary>
    /// The <c>pending</c> status for a scheduled test; none for ad-hoc tests without a repository
    /// or commit. <paramref name="description"/> is the status line: null for the usual
    /// "scheduled" words (a follow-up says why it runs).
    /// </summary>
    public IReadOnlyList<OutboxMessage> PendingStatus(LoadTestSpec spec, string? webUrl, long? installationId, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsReportable(spec))
        {
            return [];
        }

        description = description is null ? (spec.Kind == TestKind.Baseline ? "baseline run scheduled" : "load test scheduled") : Limit(description);
        return [Status(spec, installationId, new CommitStatus(CommitState.Pending, StatusContext(spec.Scenario), description, NullIfEmpty(webUrl)))];
    }

    // "stopped: superseded by …" tells the author why the check of an older head ended.
    private static string StoppedDescription(string reason) =>
        reason.Length == 0 || reason.StartsWith("stopped", StringComparison.OrdinalIgnoreCase) ? "stopped" : "stopped: " + reason;

    public IReadOnlyList<OutboxMessage> ForCompletedTest(CompletedTestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var test = report.Test;
        var spec = test.Spec;
        if (!IsReportable(spec))
        {
            return [];
        }

        var webUrl = NullIfEmpty(test.WebUrl);
        var context = StatusContext(spec.Scenario);
        if (test.Status != TestStatus.Completed)
        {
            var why = test.Status == TestStatus.Stopped ? StoppedDescription(test.StatusReason) : "failed: " + test.StatusReason;
            return [Status(spec, report.InstallationId, new CommitStatus(CommitState.Error, context, Limit(why), webUrl))];
        }

        var messages = new List<OutboxMessage>();
        if (report.Comparison is not { } comparison)
        {
            messages.Add(Status(spec, report.InstallationId, new CommitStatus(CommitState.Success, context, "completed; not compared", webUrl)));
            return messages;
        }

        // An interim comparison (a follow-up settles the verdict) leaves the status to the
        // follow-up's pending one and alerts nobody: a regression still to be confirmed must not
        // fail the check or wake anyone up.
        if (!report.Interim)
        {
            var description = spec.Kind == TestKind.Baseline && comparison.Verdict == Verdict.Regression
                ? Limit("baseline, alerted: " + ComparisonMarkdown.StatusDescription(comparison))
                : ComparisonMarkdown.StatusDescription(comparison);
            messages.Add(Status(spec, report.InstallationId, new CommitStatus(VerdictText.StateOf(comparison.Verdict, spec.Kind), context, description, webUrl)));
        }

        if (spec.PullRequest > 0)
        {
            var body = ComparisonMarkdown.Comment(spec.Scenario, spec.Commit, webUrl, comparison, report.Interim);
            messages.Add(new OutboxMessage(OutboxMessage.PullRequestCommentKind,
                ReportJson.Serialize(new PullRequestCommentReport(spec.Repository, spec.PullRequest, spec.Scenario, report.InstallationId, body))));
        }

        // A baseline run's regression is against the baseline before it: it landed on the default branch.
        var alerted = spec.Kind == TestKind.Baseline ? report.PreviousBaseline : comparison;
        if (!report.Interim && alerted is not null && ShouldAlert(alerted.Verdict))
        {
            messages.Add(new OutboxMessage(OutboxMessage.AlertKind, ReportJson.Serialize(Alert(test, alerted))));
        }

        return messages;
    }

    /// <summary>
    /// The alert for a step on the default branch's history (a change point), naming the first
    /// commit after it; none when no alert webhook is configured.
    /// </summary>
    public IReadOnlyList<OutboxMessage> ForChangePoint(ChangePointAlert step, string? webUrl)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (options.Value.AlertWebhookUrl is null)
        {
            return [];
        }

        var scenario = step.Scenario ?? string.Empty;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"PerfFleet step in {step.Repository} `{(scenario.Length == 0 ? "default" : scenario)}`: {step.Metric} {step.ChangePercent:+0.0;-0.0}% ({step.Before:G4} -> {step.After:G4}) from commit {Short(step.Commit)} on the default branch")
            + (string.IsNullOrEmpty(webUrl) ? string.Empty : $" <{webUrl}|details>");
        var payload = new AlertPayload(text, step.Repository, scenario, step.Commit, "change_point", 0, step.TestId.ToString(), string.Empty, "step", NullIfEmpty(webUrl),
            [new AlertMetric(step.Metric, "step", Finite(step.Before), Finite(step.After), Finite(step.ChangePercent), null)]);
        return [new OutboxMessage(OutboxMessage.AlertKind, ReportJson.Serialize(payload))];
    }

    private bool ShouldAlert(Verdict verdict) =>
        options.Value.AlertWebhookUrl is not null
        && (verdict == Verdict.Regression || (verdict == Verdict.Improvement && options.Value.AlertOnImprovements));

    private static AlertPayload Alert(LoadTest test, PerfFleet.Contracts.V1.Comparison comparison)
    {
        var spec = test.Spec;
        var flagged = comparison.Metrics.Concat(comparison.Endpoints).Where(m => m.Verdict == comparison.Verdict).ToList();
        var where = spec.PullRequest > 0 ? $"PR #{spec.PullRequest}" : $"{spec.Branch} at {Short(spec.Commit)}";
        var what = string.Join(", ", flagged.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Label} {m.ChangePercent:+0.0;-0.0}% (p={m.PValue:G2})")));
        var text = $"PerfFleet {VerdictText.Word(comparison.Verdict)} in {spec.Repository} `{(spec.Scenario.Length == 0 ? "default" : spec.Scenario)}` ({where}): {what}"
            + (test.WebUrl.Length > 0 ? $" <{test.WebUrl}|details>" : string.Empty);
        return new AlertPayload(
            text, spec.Repository, spec.Scenario, spec.Commit, spec.Kind == TestKind.Baseline ? "baseline" : "test", spec.PullRequest, test.Id,
            comparison.BaselineTestId, VerdictText.Word(comparison.Verdict), NullIfEmpty(test.WebUrl),
            comparison.Metrics.Concat(comparison.Endpoints)
                .Select(m => new AlertMetric(m.Metric, VerdictText.Word(m.Verdict), Finite(m.BaselineMedian), Finite(m.TestMedian), Finite(m.ChangePercent), Finite(m.PValue), m.Source, NullIfEmpty(m.Endpoint)))
                .ToList());
    }

    private static OutboxMessage Status(LoadTestSpec spec, long? installationId, CommitStatus status) =>
        new(OutboxMessage.CommitStatusKind, ReportJson.Serialize(new CommitStatusReport(spec.Repository, spec.Commit, installationId, status)));

    private static bool IsReportable(LoadTestSpec spec) => spec.Repository.Length > 0 && spec.Commit.Length > 0;

    private static string Limit(string text) => text.Length <= 140 ? text : text[..137] + "...";

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    // JSON has no NaN or infinity: an absent number is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
