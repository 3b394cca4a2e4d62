using System.Text.Json;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Turns a verified delivery of a registered repository into a decision: which tests to create,
/// or why nothing. Pure: no I/O, so every rule of the issue is a unit test away.
/// </summary>
public static class GitHubEventInterpreter
{
    private static readonly HashSet<string> PullRequestActions =
        new(StringComparer.Ordinal) { "opened", "synchronize", "reopened", "ready_for_review" };

    public static WebhookDecision Interpret(string eventName, JsonElement payload, RepositoryRegistration repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return WebhookDecision.Invalid("the payload must be a JSON object");
        }

        try
        {
            return eventName switch
            {
                "ping" => WebhookDecision.Pong(),
                "push" => Push(payload, repository),
                "pull_request" => PullRequest(payload, repository),
                "issue_comment" => IssueComment(payload, repository),
                _ => WebhookDecision.Ignored($"event '{eventName}' is not one PerfFleet acts on"),
            };
        }
        catch (MalformedPayloadException e)
        {
            return WebhookDecision.Invalid($"not a '{eventName}' payload: {e.Message}");
        }
    }

    /// <summary>The scenarios a webhook runs: the configured ones, or one test for "the only scenario of the file".</summary>
    public static IReadOnlyList<string> ScenariosOf(RepositoryRegistration repository) =>
        repository.Scenarios.Count > 0 ? repository.Scenarios : [string.Empty];

    public static IReadOnlyList<WebhookTestRequest> TestsFor(
        RepositoryRegistration repository, IReadOnlyList<string> scenarios, TestKind kind, string commit, string branch, int pullRequest, string trigger, bool isRerun, long? installationId, string baselineCommit = "") =>
        scenarios.Select(scenario => new WebhookTestRequest(
            new LoadTestSpec
            {
                Repository = repository.Name,
                CloneUrl = repository.CloneUrl,
                Commit = commit,
                Scenario = scenario,
                Kind = kind,
                PullRequest = pullRequest,
                Branch = branch,
                BaselineCommit = baselineCommit,
            },
            trigger,
            isRerun,
            installationId)).ToList();

    private static WebhookDecision Push(JsonElement payload, RepositoryRegistration repository)
    {
        var reference = PayloadFields.RequireString(payload, "ref");
        var after = PayloadFields.RequireString(payload, "after");
        if (after.Trim('0').Length == 0 || PayloadFields.OptionalBool(payload, "deleted"))
        {
            return WebhookDecision.Ignored($"push deletes {reference}: nothing to run");
        }

        if (!IsCommitSha(after))
        {
            throw new MalformedPayloadException("'after' must be a 40-character commit SHA");
        }

        var defaultRef = "refs/heads/" + repository.DefaultBranch;
        if (!string.Equals(reference, defaultRef, StringComparison.Ordinal))
        {
            return WebhookDecision.Ignored($"push to {reference}, not the default branch {defaultRef}");
        }

        var tests = TestsFor(repository, ScenariosOf(repository), TestKind.Baseline, after, repository.DefaultBranch, 0, "push", isRerun: false, InstallationOf(payload));
        return new WebhookDecision(WebhookOutcome.CreateTests, $"push to {reference} at {after}", tests);
    }

    private static WebhookDecision PullRequest(JsonElement payload, RepositoryRegistration repository)
    {
        var action = PayloadFields.RequireString(payload, "action");
        var number = PayloadFields.RequireInt(payload, "number");
        var headSha = PayloadFields.RequireString(payload, "pull_request.head.sha");
        var headRef = PayloadFields.OptionalString(payload, "pull_request.head.ref") ?? string.Empty;
        if (action == "closed")
        {
            var how = PayloadFields.OptionalBool(payload, "pull_request.merged") ? "merged" : "closed";
            return WebhookDecision.StopRuns(number, $"pull request #{number} {how}");
        }

        if (action == "converted_to_draft" && !repository.RunDrafts)
        {
            return WebhookDecision.StopRuns(number, $"pull request #{number} converted to a draft, and drafts are not run for {repository.Name}");
        }

        if (!PullRequestActions.Contains(action))
        {
            return WebhookDecision.Ignored($"pull_request action '{action}' runs nothing");
        }

        if (!IsCommitSha(headSha))
        {
            throw new MalformedPayloadException("'pull_request.head.sha' must be a 40-character commit SHA");
        }

        if (PayloadFields.OptionalBool(payload, "pull_request.draft") && !repository.RunDrafts)
        {
            return WebhookDecision.Ignored($"pull request #{number} is a draft and drafts are not run for {repository.Name}");
        }

        // The base branch's head: the worker measures the merge base of it and the head, interleaved
        // with the head on one machine, so a pull request needs no stored baseline (DESIGN.md
        // "Comparing a run with the baseline"). A payload without it gets an unpaired run.
        var baseSha = PayloadFields.OptionalString(payload, "pull_request.base.sha") ?? string.Empty;
        if (baseSha.Length > 0 && !IsCommitSha(baseSha))
        {
            throw new MalformedPayloadException("'pull_request.base.sha' must be a 40-character commit SHA");
        }

        var tests = TestsFor(repository, ScenariosOf(repository), TestKind.Test, headSha, headRef, number, "pull_request." + action, isRerun: false, InstallationOf(payload), baseSha);
        return new WebhookDecision(WebhookOutcome.CreateTests, $"pull request #{number} {action} at {headSha}", tests, number);
    }

    private static WebhookDecision IssueComment(JsonElement payload, RepositoryRegistration repository)
    {
        var action = PayloadFields.RequireString(payload, "action");
        var number = PayloadFields.RequireInt(payload, "issue.number");
        var body = PayloadFields.RequireString(payload, "comment.body");
        var association = PayloadFields.RequireString(payload, "comment.author_association");
        if (action != "created")
        {
            return WebhookDecision.Ignored($"issue_comment action '{action}' runs nothing");
        }

        if (!PayloadFields.HasObject(payload, "issue.pull_request"))
        {
            return WebhookDecision.Ignored($"#{number} is an issue, not a pull request");
        }

        if (!PerfRerunCommand.TryParse(body, out var scenario))
        {
            return WebhookDecision.Ignored("the comment is not a /perf rerun command");
        }

        if (!PerfRerunCommand.TrustedAssociations.Contains(association))
        {
            return WebhookDecision.Ignored($"/perf rerun from a {association}: only OWNER, MEMBER or COLLABORATOR may ask");
        }

        if (scenario is not null && repository.Scenarios.Count > 0 && !repository.Scenarios.Contains(scenario, StringComparer.Ordinal))
        {
            return WebhookDecision.Ignored($"scenario '{scenario}' is not configured for {repository.Name}");
        }

        var scenarios = scenario is null ? ScenariosOf(repository) : [scenario];
        return new WebhookDecision(WebhookOutcome.RerunPullRequest, $"/perf rerun on #{number}", [], number, scenarios, InstallationOf(payload));
    }

    private static long? InstallationOf(JsonElement payload) => PayloadFields.OptionalLong(payload, "installation.id");

    private static bool IsCommitSha(string value) =>
        value.Length == 40 && value.All(char.IsAsciiHexDigit);
}
