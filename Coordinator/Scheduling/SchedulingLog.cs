using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Scheduler running for epoch {Epoch}")]
    public static partial void TermStarted(ILogger logger, long epoch);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Test {TestId} assigned to worker {WorkerId} (epoch {Epoch}): {Outcome}")]
    public static partial void Dispatched(ILogger logger, Guid testId, string workerId, long epoch, DispatchOutcome outcome);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Test {TestId} taken from worker {WorkerId}: {NewStatus} ({Reason})")]
    public static partial void Swept(ILogger logger, Guid testId, string? workerId, LoadTestStatus newStatus, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Scheduler of epoch {Epoch} fenced out: a newer leader took over")]
    public static partial void FencedOut(ILogger logger, long epoch, Exception exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "Scheduler pass of epoch {Epoch} failed; retrying")]
    public static partial void PassFailed(ILogger logger, long epoch, Exception exception);
}
