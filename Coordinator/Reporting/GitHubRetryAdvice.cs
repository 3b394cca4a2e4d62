using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Whether a GitHub answer is worth retrying and after how long, following GitHub's rate-limit
/// documentation: 5xx and 429 are transient; 403 is a rate limit only with Retry-After or
/// x-ratelimit-remaining: 0 (otherwise it is a permission error that no retry fixes). The wait is
/// Retry-After when given, else until x-ratelimit-reset, else an exponential backoff.
/// </summary>
public static class GitHubRetryAdvice
{
    public static bool IsTransient(HttpStatusCode status, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var code = (int)status;
        if (code >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return status == HttpStatusCode.Forbidden
            && (headers.RetryAfter is not null || Header(headers, "x-ratelimit-remaining") == "0");
    }

    /// <summary>What GitHub asked for, if anything: Retry-After (seconds or a date), else x-ratelimit-reset.</summary>
    public static TimeSpan? RequestedDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (headers.RetryAfter?.Date is { } date)
        {
            return Max(date - now, TimeSpan.Zero);
        }

        if (Header(headers, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now, TimeSpan.Zero);
        }

        return null;
    }

    /// <summary>Backoff when GitHub named no wait: 1 s, 2 s, 4 s, ... for attempt 1, 2, 3, ...</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, Math.Clamp(attempt - 1, 0, 10)));

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
