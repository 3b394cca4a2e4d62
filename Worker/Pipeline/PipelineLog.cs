using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt}: {Phase}")]
    public static partial void Phase(ILogger logger, string testId, int attempt, RunPhase phase);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Run {TestId}/{Attempt} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string testId, int attempt, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt} ended {Status}")]
    public static partial void Ended(ILogger logger, string testId, int attempt, TestStatus status);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Run {TestId}/{Attempt} hit an unexpected error")]
    public static partial void Unexpected(ILogger logger, Exception exception, string testId, int attempt);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Could not remove run directory {Directory}: {Problem}")]
    public static partial void CleanupFailed(ILogger logger, string directory, string problem);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Run {TestId}: the stack's Prometheus at {Prometheus} was not ready before the load ({Problem}); its queries may come back empty")]
    public static partial void PrometheusNotReady(ILogger logger, string testId, string prometheus, string problem);
}
