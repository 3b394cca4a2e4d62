using System.Net;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// A GitHub call failed (GitHub answered with an error, or could not be reached in time), as
/// <see cref="GitHubRetryAdvice.Describe"/> makes it from what Octokit raised.
/// <see cref="IsTransient"/>: worth retrying later (5xx, 429, rate limits, no answer);
/// <see cref="RetryAfter"/>: how long GitHub asked us to wait, when it said.
/// </summary>
public sealed class GitHubApiException : Exception
{
    public GitHubApiException()
        : this("GitHub API call failed")
    {
    }

    public GitHubApiException(string message)
        : base(message)
    {
    }

    public GitHubApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }

    public GitHubApiException(string message, HttpStatusCode? statusCode, bool isTransient, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode? StatusCode { get; }

    public bool IsTransient { get; }

    public TimeSpan? RetryAfter { get; }
}
