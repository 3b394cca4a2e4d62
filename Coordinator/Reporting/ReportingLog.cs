using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Reporting;

internal static partial class ReportingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Failure}; attempt {Attempt}, retrying in {Wait}")]
    public static partial void GitHubRetry(ILogger logger, string failure, int attempt, TimeSpan wait);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Outbox item {Id} ({Kind}) delivered")]
    public static partial void Delivered(ILogger logger, long id, string kind);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Outbox item {Id} ({Kind}) failed, attempt {Attempt}; next try at {DueAt}")]
    public static partial void WillRetry(ILogger logger, Exception exception, long id, string kind, int attempt, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Outbox item {Id} ({Kind}) failed for good after {Attempt} attempt(s)")]
    public static partial void GaveUp(ILogger logger, Exception exception, long id, string kind, int attempt);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "No alert webhook configured: alert for {Repository} {Scenario} not sent")]
    public static partial void AlertNotConfigured(ILogger logger, string repository, string scenario);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Test {TestId} not reported to GitHub: no GitHub credentials (a token or a GitHub App) are configured for its repository")]
    public static partial void NotReported(ILogger logger, Guid? testId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "The outbox loop failed; it continues at the next poll")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
