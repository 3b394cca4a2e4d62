namespace PerfFleet.Coordinator.Webhooks;

public enum WebhookOutcome
{
    /// <summary>A ping: 200, nothing stored.</summary>
    Pong,

    /// <summary>Valid but nothing to run: 202, nothing stored.</summary>
    Ignored,

    /// <summary>The body is not the declared event: 400.</summary>
    Invalid,

    /// <summary>Tests to create: recorded through the sink, 200.</summary>
    CreateTests,

    /// <summary>A <c>/perf rerun</c> comment: resolve the PR head first, then create tests.</summary>
    RerunPullRequest,

    /// <summary>A pull request closed (or turned into a draft that is not run): stop its runs, 200.</summary>
    StopPullRequestRuns,
}
