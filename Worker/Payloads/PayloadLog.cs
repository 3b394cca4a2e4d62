using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Worker.Payloads;

internal static partial class PayloadLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Payload {Name} (sha256:{Sha256}) is cached")]
    public static partial void Cached(ILogger logger, string name, string sha256);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Payload {Name} (sha256:{Sha256}, {Size} bytes) downloaded from {Address}")]
    public static partial void Downloaded(ILogger logger, string name, string sha256, long size, string address);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Payload {Name}: coordinator {Address} failed ({Status}: {Detail}); trying the next")]
    public static partial void CoordinatorFailed(ILogger logger, string name, string address, StatusCode status, string detail);
}
