using Octokit;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Keeps one PerfFleet comment per PR and scenario: finds it by its hidden marker and edits it
/// in place, or creates it the first time. A re-run updates the same comment: the latest verdict
/// on top, the runs before it folded below (<see cref="CommentHistory"/>).
/// </summary>
public sealed class PullRequestCommentPublisher(GitHubApi gitHub)
{
    /// <summary>GitHub's largest page: a PR with many comments costs the fewest calls.</summary>
    private static readonly ApiOptions AllPages = new() { PageSize = 100 };

    public async Task<IssueComment> PublishAsync(PullRequestCommentReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var marker = ComparisonMarkdown.Marker(report.Scenario);
        var body = report.Body.Contains(marker, StringComparison.Ordinal) ? report.Body : marker + "\n" + report.Body;
        var comments = await gitHub.CallAsync(report.Repository, report.InstallationId, "list comments",
            (client, repo) => client.Issue.Comment.GetAllForIssue(repo.Owner, repo.Name, report.PullRequest, AllPages), cancellationToken);
        var existing = comments.FirstOrDefault(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true);
        return existing is null
            ? await gitHub.CallAsync(report.Repository, report.InstallationId, "create comment",
                (client, repo) => client.Issue.Comment.Create(repo.Owner, repo.Name, report.PullRequest, body), cancellationToken)
            : await gitHub.CallAsync(report.Repository, report.InstallationId, "edit comment",
                (client, repo) => client.Issue.Comment.Update(repo.Owner, repo.Name, existing.Id, CommentHistory.Merge(body, existing.Body)), cancellationToken);
    }
}
