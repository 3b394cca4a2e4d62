using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The few GitHub REST calls PerfFleet makes. Octokit restores now and is meant to replace this
/// class (issue: the card's libraries); until then this is the one place that speaks GitHub's
/// REST API. Every call authenticates per repository, and retries 5xx, 429 and rate-limited
/// 403 answers up to <see cref="GitHubOptions.MaxAttempts"/> times, waiting as GitHub asks when
/// the wait is short; a longer outage surfaces as a transient <see cref="GitHubApiException"/>
/// for the outbox to retry later.
/// </summary>
public sealed class GitHubRestClient(HttpClient httpClient, IGitHubCredentials credentials, IOptions<GitHubOptions> options, TimeProvider timeProvider, ILogger<GitHubRestClient> logger)
{
    private const int PageSize = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task CreateCommitStatusAsync(string repository, string sha, CommitStatus status, long? installationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var body = new JsonObject
        {
            ["state"] = status.State.ToString().ToLowerInvariant(),
            ["context"] = status.Context,
            ["description"] = status.Description,
        };
        if (status.TargetUrl is not null)
        {
            body["target_url"] = status.TargetUrl;
        }

        using var _ = await SendAsync(HttpMethod.Post, $"repos/{repository}/statuses/{sha}", body, repository, installationId, cancellationToken);
    }

    public async Task<IReadOnlyList<GitHubIssueComment>> ListIssueCommentsAsync(string repository, int number, long? installationId, CancellationToken cancellationToken)
    {
        var comments = new List<GitHubIssueComment>();
        for (var page = 1; ; page++)
        {
            using var response = await SendAsync(HttpMethod.Get, $"repos/{repository}/issues/{number}/comments?per_page={PageSize}&page={page}", null, repository, installationId, cancellationToken);
            var batch = await response.Content.ReadFromJsonAsync<List<CommentAnswer>>(Json, cancellationToken) ?? [];
            comments.AddRange(batch.Select(c => new GitHubIssueComment(c.Id, c.Body ?? string.Empty, c.HtmlUrl)));
            if (batch.Count < PageSize)
            {
                return comments;
            }
        }
    }

    public async Task<GitHubIssueComment> CreateIssueCommentAsync(string repository, int number, string body, long? installationId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"repos/{repository}/issues/{number}/comments", new JsonObject { ["body"] = body }, repository, installationId, cancellationToken);
        return await ReadCommentAsync(response, cancellationToken);
    }

    public async Task<GitHubIssueComment> UpdateIssueCommentAsync(string repository, long commentId, string body, long? installationId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"repos/{repository}/issues/comments/{commentId}", new JsonObject { ["body"] = body }, repository, installationId, cancellationToken);
        return await ReadCommentAsync(response, cancellationToken);
    }

    public async Task<GitHubPullRequest> GetPullRequestAsync(string repository, int number, long? installationId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"repos/{repository}/pulls/{number}", null, repository, installationId, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<PullRequestAnswer>(Json, cancellationToken);
        if (answer?.Head?.Sha is not { Length: > 0 } sha)
        {
            throw new GitHubApiException($"GET pulls/{number} of {repository} answered without head.sha");
        }

        var baseSha = answer.Base?.Sha is { Length: 40 } b && b.All(char.IsAsciiHexDigit) ? b : string.Empty;
        return new GitHubPullRequest(answer.Number, answer.State ?? string.Empty, answer.Draft, sha, answer.Head.Ref ?? string.Empty, baseSha);
    }

    internal static void AddStandardHeaders(HttpRequestMessage request)
    {
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PerfFleet", "1.0"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, string repository, long? installationId, CancellationToken cancellationToken)
    {
        var token = await credentials.GetTokenAsync(repository, installationId, cancellationToken)
            ?? throw new NoGitHubCredentialsException();
        var maxAttempts = options.Value.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = new HttpRequestMessage(method, new Uri(options.Value.ApiBaseUrl, path)))
            {
                AddStandardHeaders(request);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, options: Json);
                }

                try
                {
                    response = await httpClient.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    throw new GitHubApiException($"{method} {path}: GitHub could not be reached: {e.Message}", e);
                }
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var transient = GitHubRetryAdvice.IsTransient(response.StatusCode, response.Headers);
            var requested = GitHubRetryAdvice.RequestedDelay(response.Headers, timeProvider.GetUtcNow());
            var wait = requested ?? GitHubRetryAdvice.Backoff(attempt);
            if (!transient || attempt >= maxAttempts || wait > options.Value.MaxRetryDelay)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Dispose();
                throw new GitHubApiException(
                    $"{method} {path} answered {(int)response.StatusCode}: {Truncate(detail)}", response.StatusCode, transient, requested);
            }

            ReportingLog.GitHubRetry(logger, method.Method, path, (int)response.StatusCode, attempt, wait);
            response.Dispose();
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private static async Task<GitHubIssueComment> ReadCommentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var answer = await response.Content.ReadFromJsonAsync<CommentAnswer>(Json, cancellationToken)
            ?? throw new GitHubApiException("GitHub answered a comment call with an empty body");
        return new GitHubIssueComment(answer.Id, answer.Body ?? string.Empty, answer.HtmlUrl);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private sealed record CommentAnswer(long Id, string? Body, string? HtmlUrl);

    private sealed record PullRequestAnswer(int Number, string? State, bool Draft, PullRequestHeadAnswer? Head, PullRequestHeadAnswer? Base);

    private sealed record PullRequestHeadAnswer(string? Sha, string? Ref);
}
