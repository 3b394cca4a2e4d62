using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Leadership;

internal static partial class LeadershipLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "This coordinator ({Address}) is now the leader, epoch {Epoch}")]
    public static partial void Gained(ILogger logger, string address, long epoch);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Leadership of epoch {Epoch} lost: {Reason}")]
    public static partial void Lost(ILogger logger, long epoch, string reason, Exception? exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Leadership of epoch {Epoch} given up at shutdown")]
    public static partial void Released(ILogger logger, long epoch);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Could not reach the database to compete for leadership ({ConsecutiveErrors} errors in a row); retrying in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, int consecutiveErrors, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "The leader's lease ran out (not renewed for {Lease}): its lock session (process {ProcessId}) was ended to take over")]
    public static partial void LeaseExpired(ILogger logger, int? processId, TimeSpan lease);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "The lock session ended ({Reason}); competing for leadership again")]
    public static partial void SessionEnded(ILogger logger, string reason);
}
