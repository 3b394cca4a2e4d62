using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>One row of the runs list.</summary>
internal sealed record RunListItem(
    Guid Id,
    string? Repository,
    string Commit,
    string CloneUrl,
    int? PullRequest,
    string? Scenario,
    LoadTestKind Kind,
    LoadTestStatus Status,
    TestVerdict? Verdict,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ProgressPhase,
    string? StatusReason)
{
    /// <summary>Stopped because a newer head of its pull request was pushed (LoadTests.PullRequestRuns).</summary>
    public bool IsSuperseded => Status is LoadTestStatus.Stopping or LoadTestStatus.Stopped
        && StatusReason?.StartsWith("superseded", StringComparison.Ordinal) == true;
}
