namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Keeps one PerfFleet comment per PR and scenario: finds it by its hidden marker and edits it
/// in place, or creates it the first time. A re-run updates the same comment: the latest verdict
/// on top, the runs before it folded below (<see cref="CommentHistory"/>).
/// </summary>
public sealed class PullRequestCommentPublisher(GitHubRestClient gitHub)
{
    public async Task<GitHubIssueComment> PublishAsync(PullRequestCommentReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var marker = ComparisonMarkdown.Marker(report.Scenario);
        var body = report.Body.Contains(marker, StringComparison.Ordinal) ? report.Body : marker + "\n" + report.Body;
        var comments = await gitHub.ListIssueCommentsAsync(report.Repository, report.PullRequest, report.InstallationId, cancellationToken);
        var existing = comments.FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal));
        return existing is null
            ? await gitHub.CreateIssueCommentAsync(report.Repository, report.PullRequest, body, report.InstallationId, cancellationToken)
            : await gitHub.UpdateIssueCommentAsync(report.Repository, existing.Id, CommentHistory.Merge(body, existing.Body), report.InstallationId, cancellationToken);
    }
}
