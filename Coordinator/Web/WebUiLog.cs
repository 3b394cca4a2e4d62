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

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Web UI login from {RemoteAddress}")]
    public static partial void LoginAccepted(ILogger logger, string? remoteAddress);
}
