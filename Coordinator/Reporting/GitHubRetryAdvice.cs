using System.Globalization;
using System.Net;
using Octokit;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// What Octokit raised, as a <see cref="GitHubApiException"/> that says whether a retry can help
/// and after how long, following GitHub's rate-limit documentation: 5xx and 429 are transient;
/// 403 is a rate limit when Octokit recognised one (primary, secondary, abuse) or with
/// Retry-After or x-ratelimit-remaining: 0 (otherwise it is a permission error that no retry
/// fixes); no answer or a timeout is transient. The wait GitHub asks for is Retry-After when
/// given, else until x-ratelimit-reset, else a minute for a secondary rate limit.
/// </summary>
public static class GitHubRetryAdvice
{
    /// <summary>GitHub's advice when a secondary rate limit names no wait: "at least one minute".</summary>
    public static readonly TimeSpan SecondaryRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>The failure of <paramref name="operation"/> as PerfFleet handles it, or null when <paramref name="error"/> is not a GitHub failure (a bug of ours, a cancellation by the caller).</summary>
    public static GitHubApiException? Describe(string operation, Exception error, DateTimeOffset now, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error)
        {
            case GitHubApiException described:
                return described;
            case ApiException api:
                var headers = api.HttpResponse?.Headers ?? new Dictionary<string, string>();
                var code = (int)api.StatusCode;
                var transient = code >= 500 || api.StatusCode == HttpStatusCode.TooManyRequests
                    || api is RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException
                    || (api.StatusCode == HttpStatusCode.Forbidden && (Header(headers, "Retry-After") is not null || Header(headers, "x-ratelimit-remaining") == "0"));
                var requested = RequestedDelay(headers, now)
                    ?? (api is SecondaryRateLimitExceededException or AbuseException ? SecondaryRateLimitWait : null);
                return new GitHubApiException($"GitHub {operation} answered {code}: {Truncate(api.Message)}", api.StatusCode, transient, requested, api);
            case HttpRequestException:
                return new GitHubApiException($"GitHub {operation}: GitHub could not be reached: {error.Message}", error);
            case OperationCanceledException when !callerToken.IsCancellationRequested:
                return new GitHubApiException($"GitHub {operation}: no answer in time", error);
            default:
                return null;
        }
    }

    /// <summary>What GitHub asked for, if anything: Retry-After (seconds or a date), else x-ratelimit-reset when none remain.</summary>
    public static TimeSpan? RequestedDelay(IReadOnlyDictionary<string, string> headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Header(headers, "Retry-After") is { } retryAfter)
        {
            if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(seconds, 0));
            }

            if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return Max(date - now, TimeSpan.Zero);
            }
        }

        if (Header(headers, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now, TimeSpan.Zero);
        }

        return null;
    }

    // Octokit keeps the header names as they arrived; HTTP names are case-insensitive.
    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
