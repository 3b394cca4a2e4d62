using System.Globalization;
using System.Net;
using Octokit;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>GitHub's answers as Octokit raises them, and what PerfFleet makes of them.</summary>
public sealed class GitHubRetryAdviceTests
{
    private static readonly DateTimeOffset Now = ReportingTestServices.Start;

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    public void Describe_StatusWithoutHeaders_TransientOnlyFor5xxAnd429(int status, bool transient)
    {
        var failure = Describe(Answer(status));

        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.Null(failure.RetryAfter);
        Assert.StartsWith($"GitHub create status answered {status}: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_RetryAfterAsHttpDate_WaitsUntilThen()
    {
        var failure = Describe(Answer(429, ("retry-after", Now.AddMinutes(2).ToString("r", CultureInfo.InvariantCulture))));

        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(2), failure.RetryAfter);
    }

    [Fact]
    public void Describe_ForbiddenWithRateLimitHeadersInAnyCase_TransientUntilTheReset()
    {
        var failure = Describe(Answer(403, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Now.AddSeconds(90).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));

        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(90), failure.RetryAfter);
    }

    [Fact]
    public void Describe_RateLimitResetAlreadyPast_RetryAtOnce()
    {
        var failure = Describe(Answer(403, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Now.AddSeconds(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(TimeSpan.Zero, failure.RetryAfter);
    }

    [Fact]
    public void Describe_CallerCancelled_NotAGitHubFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(GitHubRetryAdvice.Describe("create status", new TaskCanceledException(), Now, cancelled.Token));
        Assert.Null(GitHubRetryAdvice.Describe("create status", new InvalidOperationException("a bug"), Now, CancellationToken.None));
    }

    private static GitHubApiException Describe(ApiException answer) =>
        GitHubRetryAdvice.Describe("create status", answer, Now, CancellationToken.None)!;

    private static ApiException Answer(int status, params (string Name, string Value)[] headers) =>
        new(new Answered((HttpStatusCode)status, headers.ToDictionary(h => h.Name, h => h.Value)));

    /// <summary>An answer as Octokit hands it to its exceptions (its own <c>Response</c> is internal).</summary>
    private sealed record Answered(HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers) : IResponse
    {
        public object Body => """{"message":"scripted"}""";

        public ApiInfo ApiInfo => null!;

        public string ContentType => "application/json";
    }
}
