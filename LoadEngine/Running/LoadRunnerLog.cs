using Microsoft.Extensions.Logging;

namespace PerfFleet.LoadEngine.Running;

internal static partial class LoadRunnerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Load run starting: {Targets} target(s), {Lanes} lane(s), {Protocol}, rate {Rate}, warm-up {Warmup}, window {Window}")]
    public static partial void Starting(ILogger logger, int targets, int lanes, string protocol, string rate, TimeSpan warmup, TimeSpan window);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Load run finished: {Requests} requests, {AchievedRate:F1} req/s, {Errors} errors, {Dropped} dropped, stopped={Stopped}")]
    public static partial void Finished(ILogger logger, long requests, double achievedRate, long errors, long dropped, bool stopped);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Load run rate changed to {Rate} req/s")]
    public static partial void RateChanged(ILogger logger, double rate);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Load run measured duration changed to {Duration}")]
    public static partial void DurationChanged(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Load run ended early: {Reason}")]
    public static partial void StoppedByRule(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Load run stopping")]
    public static partial void Stopping(ILogger logger);
}
