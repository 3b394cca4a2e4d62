using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Load;

internal static partial class LoadLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Load: {Targets} target(s), warm-up {Warmup}, window {Window}, rate {Rate}/s, {Stages} stage(s), tag {Tag}")]
    public static partial void Starting(ILogger logger, int targets, TimeSpan warmup, TimeSpan window, double? rate, int stages, string? tag);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Load done: {Requests} requests, {Errors} errors, {Rate:0.0}/s achieved (stopped: {Stopped})")]
    public static partial void Finished(ILogger logger, long requests, long errors, double rate, bool stopped);
}
