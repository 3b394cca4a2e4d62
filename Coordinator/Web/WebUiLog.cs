using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Web;

internal static partial class WebUiLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "Web UI page {Path} failed")]
    public static partial void PageFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Stored {Payload} of test {TestId} could not be decoded")]
    public static partial void PayloadUndecodable(ILogger logger, string payload, Guid testId, Exception exception);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Web UI login refused from {RemoteAddress}")]
    public static partial void LoginRefused(ILogger logger, string? remoteAddress);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Web UI login ({Role}) from {RemoteAddress}")]
    public static partial void LoginAccepted(ILogger logger, string? remoteAddress, string role);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Web UI admin form {Path} refused ({Why}) from {RemoteAddress}")]
    public static partial void AdminFormRefused(ILogger logger, string path, string why, string? remoteAddress);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Web UI: test {TestId} stopped by an administrator from {RemoteAddress}; it is now {Status}")]
    public static partial void TestStopped(ILogger logger, Guid testId, string? remoteAddress, string status);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Information, Message = "Web UI: test {TestId} re-run by an administrator from {RemoteAddress} as {NewTestId}")]
    public static partial void TestRerun(ILogger logger, Guid testId, string? remoteAddress, Guid newTestId);
}
