namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// What a verified delivery asks for. <c>Scenarios</c> is used by a re-run only. Tests of a pull
/// request also stop the pull request's runs at other commits (superseded by the new head).
/// </summary>
public sealed record WebhookDecision(
    WebhookOutcome Outcome,
    string Reason,
    IReadOnlyList<WebhookTestRequest> Tests,
    int PullRequest = 0,
    IReadOnlyList<string>? Scenarios = null,
    long? InstallationId = null)
{
    public static WebhookDecision Pong() => new(WebhookOutcome.Pong, "pong", []);

    public static WebhookDecision Ignored(string reason) => new(WebhookOutcome.Ignored, reason, []);

    public static WebhookDecision Invalid(string reason) => new(WebhookOutcome.Invalid, reason, []);

    public static WebhookDecision StopRuns(int pullRequest, string reason) => new(WebhookOutcome.StopPullRequestRuns, reason, [], pullRequest);
}
