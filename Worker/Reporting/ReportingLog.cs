using Grpc.Core;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Reporting;

internal static partial class ReportingLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}): {Status} result reported to {Address} (duplicate: {Duplicate})")]
    public static partial void Reported(ILogger logger, string testId, int attempt, long epoch, TestStatus status, string address, bool duplicate);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}) is not this worker's any more; its result is dropped: {Detail}")]
    public static partial void NotOurs(ILogger logger, string testId, int attempt, long epoch, string detail);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}): coordinator {Address} did not take the result: {Code} {Detail}")]
    public static partial void CoordinatorFailed(ILogger logger, string testId, int attempt, long epoch, string address, StatusCode code, string detail);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}): result refused: {Code} {Detail}")]
    public static partial void Refused(ILogger logger, string testId, int attempt, long epoch, StatusCode code, string detail);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}): result not reported after {Rounds} rounds through every coordinator")]
    public static partial void GaveUp(ILogger logger, string testId, int attempt, long epoch, int rounds);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "Writing results to {Address} failed: {Message}")]
    public static partial void WriteFailed(ILogger logger, string address, string message);
}
