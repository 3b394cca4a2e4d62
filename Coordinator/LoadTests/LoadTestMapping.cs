using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Between the stored entities and the perffleet.v1 messages.</summary>
public static class LoadTestMapping
{
    public static TestStatus ToProto(this LoadTestStatus status) => status switch
    {
        LoadTestStatus.Scheduled => TestStatus.Scheduled,
        LoadTestStatus.Assigned => TestStatus.Assigned,
        LoadTestStatus.Running => TestStatus.Running,
        LoadTestStatus.Collecting => TestStatus.Collecting,
        LoadTestStatus.Completed => TestStatus.Completed,
        LoadTestStatus.Stopping => TestStatus.Stopping,
        LoadTestStatus.Stopped => TestStatus.Stopped,
        LoadTestStatus.Failed => TestStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static LoadTestStatus? ToEntity(this TestStatus status) => status switch
    {
        TestStatus.Scheduled => LoadTestStatus.Scheduled,
        TestStatus.Assigned => LoadTestStatus.Assigned,
        TestStatus.Running => LoadTestStatus.Running,
        TestStatus.Collecting => LoadTestStatus.Collecting,
        TestStatus.Completed => LoadTestStatus.Completed,
        TestStatus.Stopping => LoadTestStatus.Stopping,
        TestStatus.Stopped => LoadTestStatus.Stopped,
        TestStatus.Failed => LoadTestStatus.Failed,
        _ => null,
    };

    public static TestKind ToProto(this LoadTestKind kind) => kind switch
    {
        LoadTestKind.Baseline => TestKind.Baseline,
        LoadTestKind.Test => TestKind.Test,
        LoadTestKind.Adhoc => TestKind.Adhoc,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LoadTestKind? ToEntity(this TestKind kind) => kind switch
    {
        TestKind.Baseline => LoadTestKind.Baseline,
        TestKind.Test => LoadTestKind.Test,
        TestKind.Adhoc => LoadTestKind.Adhoc,
        _ => null,
    };

    public static Verdict ToProto(this TestVerdict? verdict) => verdict switch
    {
        TestVerdict.Unchanged => Verdict.Unchanged,
        TestVerdict.Regression => Verdict.Regression,
        TestVerdict.Improvement => Verdict.Improvement,
        TestVerdict.NoBaseline => Verdict.NoBaseline,
        TestVerdict.Error => Verdict.Error,
        TestVerdict.Inconclusive => Verdict.Inconclusive,
        _ => Verdict.Unspecified,
    };

    public static TestVerdict? ToEntity(this Verdict verdict) => verdict switch
    {
        Verdict.Unchanged => TestVerdict.Unchanged,
        Verdict.Regression => TestVerdict.Regression,
        Verdict.Improvement => TestVerdict.Improvement,
        Verdict.NoBaseline => TestVerdict.NoBaseline,
        Verdict.Error => TestVerdict.Error,
        Verdict.Inconclusive => TestVerdict.Inconclusive,
        _ => null,
    };

    /// <summary>Run phases are stored as the enum's name in snake case (<c>measuring</c>).</summary>
    public static string ToStored(this RunPhase phase) => StorageNaming.ToSnakeCase(phase.ToString());

    public static RunPhase ToRunPhase(string? stored) =>
        stored is null ? RunPhase.Unspecified
        : System.Enum.GetValues<RunPhase>().FirstOrDefault(p => p.ToStored() == stored);

    public static LoadTestSpec ToSpec(this LoadTestEntity test) => new()
    {
        Repository = test.Repository ?? string.Empty,
        CloneUrl = test.CloneUrl,
        Commit = test.Commit,
        Scenario = test.Scenario ?? string.Empty,
        InlineSpec = test.InlineSpec ?? string.Empty,
        Rate = test.Rate ?? 0,
        Duration = test.Duration is { } d ? Duration.FromTimeSpan(d) : null,
        Priority = test.Priority,
        Tag = test.Tag ?? string.Empty,
        Requests = test.Requests ?? string.Empty,
        PullRequest = test.PullRequest ?? 0,
        Kind = test.Kind.ToProto(),
        Branch = test.Branch ?? string.Empty,
        BaselineCommit = test.BaselineCommit ?? string.Empty,
        Pairs = test.Pairs ?? 0,
        Search = test.Search ?? string.Empty,
    };

    public static LoadTest ToProto(this LoadTestEntity test, RunLinks links) => new()
    {
        Id = test.Id.ToString(),
        Spec = test.ToSpec(),
        Status = test.Status.ToProto(),
        StatusReason = test.StatusReason ?? string.Empty,
        Attempts = test.Attempts,
        AssignedWorker = test.AssignedWorker ?? string.Empty,
        Epoch = test.Epoch ?? 0,
        CreatedAt = Timestamp.FromDateTimeOffset(test.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(test.UpdatedAt),
        StartedAt = test.StartedAt is { } s ? Timestamp.FromDateTimeOffset(s) : null,
        FinishedAt = test.FinishedAt is { } f ? Timestamp.FromDateTimeOffset(f) : null,
        Progress = new Progress
        {
            Phase = ToRunPhase(test.ProgressPhase),
            Elapsed = test.ProgressElapsed is { } e ? Duration.FromTimeSpan(e) : null,
            AchievedRate = test.ProgressAchievedRate ?? 0,
            RequestedRate = test.Rate ?? 0,
        },
        Verdict = test.Verdict.ToProto(),
        WebUrl = links.Run(test.Id),
        RerunOf = test.RerunOf?.ToString() ?? string.Empty,
        FollowUpOf = test.FollowUpOf?.ToString() ?? string.Empty,
        FollowUp = test.FollowUp switch
        {
            TestFollowUp.MorePairs => Contracts.V1.FollowUpKind.MorePairs,
            TestFollowUp.Confirmation => Contracts.V1.FollowUpKind.Confirmation,
            _ => Contracts.V1.FollowUpKind.Unspecified,
        },
    };
}
