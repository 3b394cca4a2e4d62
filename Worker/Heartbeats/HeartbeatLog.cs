using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Worker.Heartbeats;

internal static partial class HeartbeatLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Heartbeats go to coordinator {Address}")]
    public static partial void Connected(ILogger logger, string address);

    [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "Coordinator {Address} did not take the heartbeat: {Code} {Detail}")]
    public static partial void CoordinatorFailed(ILogger logger, string address, StatusCode code, string detail);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "None of the {Count} coordinators answered the heartbeat; backing off")]
    public static partial void AllDown(ILogger logger, int count);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Update of test {TestId} to {Rate}/s from a heartbeat reply refused: {Reason}")]
    public static partial void UpdateRefused(ILogger logger, string testId, double rate, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Error, Message = "Heartbeat failed unexpectedly; the loop goes on")]
    public static partial void Unexpected(ILogger logger, Exception exception);
}
