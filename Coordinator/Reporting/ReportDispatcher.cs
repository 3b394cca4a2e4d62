namespace PerfFleet.Coordinator.Reporting;

/// <summary>Sends one outbox item according to its kind.</summary>
public sealed class ReportDispatcher(GitHubRestClient gitHub, PullRequestCommentPublisher comments, AlertSender alerts)
{
    /// <exception cref="UnknownReportKindException">The kind is not one this version knows: a permanent failure.</exception>
    public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item.Kind)
        {
            case OutboxMessage.CommitStatusKind:
                var status = ReportJson.Deserialize<CommitStatusReport>(item.Payload);
                await gitHub.CreateCommitStatusAsync(status.Repository, status.Sha, status.Status, status.InstallationId, cancellationToken);
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
}
