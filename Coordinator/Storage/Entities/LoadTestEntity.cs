namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>One load test: what to run, where it is in its life, and its live progress.</summary>
public sealed class LoadTestEntity
{
    public Guid Id { get; set; }

    public LoadTestKind Kind { get; set; }

    /// <summary>Registered repository (owner/name); null for ad-hoc tests.</summary>
    public string? Repository { get; set; }

    public string CloneUrl { get; set; } = "";

    /// <summary>Full commit SHA.</summary>
    public string Commit { get; set; } = "";

    public string? Branch { get; set; }

    /// <summary>
    /// The commit's first-parent depth as the worker that ran it counted it (commits from the root
    /// on its first-parent history, the root 1); null when unknown. Orders a branch's baselines by
    /// ancestry (<see cref="LoadTests.Baselines"/>), whenever they finished.
    /// </summary>
    public long? CommitSequence { get; set; }

    public int? PullRequest { get; set; }

    /// <summary>Scenario name inside .perffleet.yml; null = the only one.</summary>
    public string? Scenario { get; set; }

    /// <summary>A whole .perffleet.yml document used instead of the checkout's file (ad-hoc tests).</summary>
    public string? InlineSpec { get; set; }

    /// <summary>
    /// Where the requests come from instead of the scenario's <c>requests:</c> (a path in the
    /// checkout, or <c>payload://name</c>); null = as in the scenario.
    /// </summary>
    public string? Requests { get; set; }

    /// <summary>Requests per second; null = as in the scenario.</summary>
    public double? Rate { get; set; }

    /// <summary>Measured window; null = as in the scenario.</summary>
    public TimeSpan? Duration { get; set; }

    public LoadTestStatus Status { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>Higher runs first.</summary>
    public int Priority { get; set; }

    /// <summary>How many times the test was assigned to a worker.</summary>
    public int Attempts { get; set; }

    /// <summary>Past this many attempts a lost worker fails the test instead of re-scheduling it.</summary>
    public int MaxAttempts { get; set; } = 3;

    public string? Tag { get; set; }

    public string? AssignedWorker { get; set; }

    /// <summary>The leader epoch that wrote the current assignment.</summary>
    public long? Epoch { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The test this one re-runs, if any.</summary>
    public Guid? RerunOf { get; set; }

    /// <summary>
    /// Paired runs: the commit measured against <see cref="Commit"/> in interleaved repetitions (a
    /// pull request's base; the worker measures its merge base with the commit). Null: unpaired.
    /// </summary>
    public string? BaselineCommit { get; set; }

    /// <summary>Interleaved pairs asked for; null = the scenario's repeat.pairs, else the worker's default.</summary>
    public int? Pairs { get; set; }

    /// <summary>A capacity search given with the test (the text of a search: section) instead of the scenario's; null = the scenario's.</summary>
    public string? Search { get; set; }

    /// <summary>The test whose verdict this one settles, when the coordinator scheduled it after a comparison.</summary>
    public Guid? FollowUpOf { get; set; }

    public TestFollowUp? FollowUp { get; set; }

    /// <summary>
    /// A worker the scheduler gives this test only when no other live worker has room: a
    /// confirmation run avoids the worker whose finding it checks, so the machine's own quirk
    /// cannot confirm itself. A preference, never a reason to wait.
    /// </summary>
    public string? AvoidWorker { get; set; }

    /// <summary>
    /// A pinned baseline is the one PR runs without a paired baseline and later baselines are
    /// compared with, whatever is newer (perffleet baselines pin).
    /// </summary>
    public bool PinnedBaseline { get; set; }

    /// <summary>Run phase reported in the last heartbeat (the proto's RunPhase name in snake case, e.g. "measuring").</summary>
    public string? ProgressPhase { get; set; }

    public TimeSpan? ProgressElapsed { get; set; }

    public double? ProgressAchievedRate { get; set; }

    /// <summary>The overall verdict once compared with the baseline.</summary>
    public TestVerdict? Verdict { get; set; }
}
