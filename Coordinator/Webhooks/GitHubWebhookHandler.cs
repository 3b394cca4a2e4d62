using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// <c>POST /webhooks/github</c>: size limit, signature, idempotency, then the event's decision.
/// The repository's secret is only known after reading which repository the payload names, so the
/// body is parsed before it is trusted; only that name is read before the signature is verified.
/// Every answer is a 2xx, 400, 401, 413 or 503 with a reason; no input makes it a 500.
/// </summary>
public sealed class GitHubWebhookHandler(
    IRepositoryRegistry registry,
    IWebhookTestSink sink,
    IPullRequestHeadResolver headResolver,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<GitHubWebhookHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var body = await WebhookBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the body exceeds {options.Value.MaxBodyBytes} bytes");
        }

        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return Reject(StatusCodes.Status401Unauthorized, "Signature missing", "the X-Hub-Signature-256 header is required");
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        if (string.IsNullOrEmpty(eventName) || string.IsNullOrEmpty(deliveryId))
        {
            return Reject(StatusCodes.Status400BadRequest, "Header missing", "the X-GitHub-Event and X-GitHub-Delivery headers are required");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed JSON", $"the body is not JSON: {e.Message}");
        }

        using (document)
        {
            return await HandleParsedAsync(eventName, deliveryId, signature, body, document.RootElement, cancellationToken);
        }
    }

    private async Task<IResult> HandleParsedAsync(string eventName, string deliveryId, string signature, byte[] body, JsonElement payload, CancellationToken cancellationToken)
    {
        // The least needed to find the secret: the repository's name, and nothing else before the signature.
        string? repositoryName;
        try
        {
            repositoryName = PayloadFields.OptionalString(payload, "repository.full_name");
        }
        catch (MalformedPayloadException e)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed payload", $"not a '{eventName}' payload: {e.Message}");
        }

        if (repositoryName is null)
        {
            return eventName is "push" or "pull_request" or "issue_comment"
                ? Reject(StatusCodes.Status400BadRequest, "Malformed payload", $"not a '{eventName}' payload: 'repository.full_name' must be a string")
                : Answer(StatusCodes.Status202Accepted, deliveryId, "ignored", "the payload names no repository");
        }

        var repository = await registry.FindAsync(repositoryName, cancellationToken);
        if (repository is null)
        {
            WebhookLog.UnregisteredRepository(logger, deliveryId, eventName, repositoryName);
            return Answer(StatusCodes.Status202Accepted, deliveryId, "ignored", $"repository {repositoryName} is not registered");
        }

        if (string.IsNullOrEmpty(repository.WebhookSecret) || !WebhookSignature.IsValid(signature, repository.WebhookSecret, body))
        {
            WebhookLog.Refused(logger, deliveryId, eventName, repositoryName, "signature does not match the repository's secret");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signature invalid",
                detail: "X-Hub-Signature-256 does not match the body signed with the repository's webhook secret");
        }

        // Verified: now the whole body must be text, so that what is stored of it can be stored.
        var decision = PayloadText.FindBadString(payload) is { } badPath
            ? WebhookDecision.Invalid($"not a '{eventName}' payload: {PayloadFields.NotText(badPath)}")
            : GitHubEventInterpreter.Interpret(eventName, payload, repository);
        var action = decision.Outcome == WebhookOutcome.Invalid ? null : PayloadFields.OptionalString(payload, "action");

        switch (decision.Outcome)
        {
            case WebhookOutcome.Pong:
                return Answer(StatusCodes.Status200OK, deliveryId, "pong", decision.Reason);
            case WebhookOutcome.Ignored:
                WebhookLog.Ignored(logger, deliveryId, eventName, repositoryName, decision.Reason);
                return Answer(StatusCodes.Status202Accepted, deliveryId, "ignored", decision.Reason);
            case WebhookOutcome.Invalid:
                WebhookLog.Refused(logger, deliveryId, eventName, repositoryName, decision.Reason);
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed payload", detail: decision.Reason);
            case WebhookOutcome.StopPullRequestRuns:
                return await StopRunsAsync(eventName, deliveryId, repository, decision, cancellationToken);
            default:
                return await RecordAsync(eventName, deliveryId, repository, action, decision, cancellationToken);
        }
    }

    private async Task<IResult> RecordAsync(string eventName, string deliveryId, RepositoryRegistration repository, string? action, WebhookDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            var tests = decision.Tests;
            if (decision.Outcome == WebhookOutcome.RerunPullRequest)
            {
                if (await sink.IsKnownDeliveryAsync(deliveryId, cancellationToken))
                {
                    WebhookLog.Redelivery(logger, deliveryId);
                    return Answer(StatusCodes.Status200OK, deliveryId, "duplicate", "delivery already processed");
                }

                var head = await ResolveHeadAsync(deliveryId, repository, decision, cancellationToken);
                if (head is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "GitHub unavailable",
                        detail: $"could not read the head of pull request #{decision.PullRequest}; redeliver the webhook later");
                }

                tests = GitHubEventInterpreter.TestsFor(repository, decision.Scenarios ?? [], TestKind.Test, head.Sha, head.Ref, decision.PullRequest, "issue_comment.rerun", isRerun: true, decision.InstallationId, head.BaseSha);
            }

            var delivery = new WebhookDelivery(deliveryId, eventName, action, repository.Name, timeProvider.GetUtcNow());
            var recording = await sink.RecordAsync(delivery, tests, cancellationToken);
            if (recording.Result == WebhookRecordResult.Duplicate)
            {
                WebhookLog.Redelivery(logger, deliveryId);
                return Answer(StatusCodes.Status200OK, deliveryId, "duplicate", "delivery already processed");
            }

            var created = tests.Count - recording.AlreadyActive.Count;
            var active = recording.AlreadyActive.Count == 0 ? string.Empty : $"; already queued or running: test {string.Join(", ", recording.AlreadyActive)}";
            active += await SupersedeAsync(deliveryId, repository, decision.PullRequest, tests, cancellationToken);
            WebhookLog.Scheduled(logger, deliveryId, eventName, repository.Name, created, decision.Reason + active);
            return created == 0 && tests.Count > 0
                ? Answer(StatusCodes.Status200OK, deliveryId, "duplicate", $"the same test is already queued or running: test {string.Join(", ", recording.AlreadyActive)}")
                : Results.Json(new WebhookAnswer(deliveryId, "scheduled", decision.Reason + active, created), statusCode: StatusCodes.Status200OK);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage down or similar: GitHub shows the failure and can redeliver; never a bare 500.
            WebhookLog.Refused(logger, deliveryId, eventName, repository.Name, "could not record: " + e.Message);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not recorded",
                detail: "the delivery could not be recorded; redeliver it later");
        }
    }

    // Only after the new head's tests are recorded, and only for a delivery seen for the first
    // time: a redelivered older synchronize must not stop the runs of a newer head.
    private async Task<string> SupersedeAsync(string deliveryId, RepositoryRegistration repository, int pullRequest, IReadOnlyList<WebhookTestRequest> tests, CancellationToken cancellationToken)
    {
        if (pullRequest <= 0 || tests.Count == 0)
        {
            return string.Empty;
        }

        var head = tests[0].Spec.Commit;
        try
        {
            var stopped = await sink.StopPullRequestRunsAsync(repository.Name, pullRequest, head, $"superseded by {ShortSha(head)}, the new head of pull request #{pullRequest}", cancellationToken);
            return stopped.Count == 0 ? string.Empty : $"; stopped the older runs of the pull request: test {string.Join(", ", stopped)}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The new tests are recorded: answering an error would only make GitHub redeliver a
            // duplicate. The older runs finish and report as they would have before.
            WebhookLog.NotSuperseded(logger, deliveryId, pullRequest, repository.Name, e.Message);
            return $"; the older runs of the pull request could not be stopped: {e.Message}";
        }
    }

    private async Task<IResult> StopRunsAsync(string eventName, string deliveryId, RepositoryRegistration repository, WebhookDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            // Stopping twice is harmless, so a redelivery needs no delivery row here.
            var stopped = await sink.StopPullRequestRunsAsync(repository.Name, decision.PullRequest, keepCommit: null, decision.Reason, cancellationToken);
            var reason = stopped.Count == 0 ? decision.Reason + "; no run to stop" : $"{decision.Reason}; stopped test {string.Join(", ", stopped)}";
            WebhookLog.Stopped(logger, deliveryId, eventName, repository.Name, reason);
            return Answer(StatusCodes.Status200OK, deliveryId, "stopped", reason);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WebhookLog.Refused(logger, deliveryId, eventName, repository.Name, "could not stop the pull request's runs: " + e.Message);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stopped",
                detail: "the pull request's runs could not be stopped; redeliver the webhook later");
        }
    }

    private static string ShortSha(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private async Task<PullRequestHead?> ResolveHeadAsync(string deliveryId, RepositoryRegistration repository, WebhookDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            return await headResolver.ResolveAsync(repository, decision.PullRequest, decision.InstallationId, cancellationToken);
        }
        catch (Exception e) when (e is Reporting.GitHubApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            WebhookLog.HeadUnresolved(logger, e, deliveryId, decision.PullRequest, repository.Name);
            return null;
        }
    }

    private IResult Reject(int statusCode, string title, string detail)
    {
        WebhookLog.Rejected(logger, detail);
        return Results.Problem(statusCode: statusCode, title: title, detail: detail);
    }

    private static IResult Answer(int statusCode, string deliveryId, string outcome, string reason) =>
        Results.Json(new WebhookAnswer(deliveryId, outcome, reason, 0), statusCode: statusCode);
}
