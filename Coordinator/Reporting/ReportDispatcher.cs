using Octokit;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Sends one outbox item according to its kind.</summary>
public sealed class ReportDispatcher(GitHubApi gitHub, PullRequestCommentPublisher comments, AlertSender alerts)
{
    /// <exception cref="UnknownReportKindException">The kind is not one this version knows: a permanent failure.</exception>
    public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item.Kind)
        {
            case OutboxMessage.CommitStatusKind:
                var report = ReportJson.Deserialize<CommitStatusReport>(item.Payload);
                var status = ToOctokit(report.Status);
                await gitHub.CallAsync(report.Repository, report.InstallationId, "create status",
                    (client, repo) => client.Repository.Status.Create(repo.Owner, repo.Name, report.Sha, status), cancellationToken);
                break;
            case OutboxMessage.PullRequestCommentKind:
                await comments.PublishAsync(ReportJson.Deserialize<PullRequestCommentReport>(item.Payload), cancellationToken);
                break;
            case OutboxMessage.AlertKind:
                await alerts.SendAsync(ReportJson.Deserialize<AlertPayload>(item.Payload), cancellationToken);
                break;
            default:
                throw new UnknownReportKindException($"outbox item {item.Id} has unknown kind '{item.Kind}'");
        }
    }

    private static NewCommitStatus ToOctokit(CommitStatus status) => new()
    {
        State = status.State switch
        {
            Reporting.CommitState.Pending => Octokit.CommitState.Pending,
            Reporting.CommitState.Success => Octokit.CommitState.Success,
            Reporting.CommitState.Failure => Octokit.CommitState.Failure,
            _ => Octokit.CommitState.Error,
        },
        Context = status.Context,
        Description = status.Description,
        TargetUrl = status.TargetUrl,
    };
}
