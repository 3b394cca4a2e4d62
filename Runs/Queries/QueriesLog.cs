using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Queries;

internal static partial class QueriesLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Query {Name} failed: {Error}")]
    public static partial void QueryFailed(ILogger logger, string name, string error);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Query {Name} returned {SeriesCount} series")]
    public static partial void QueryDone(ILogger logger, string name, int seriesCount);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Query {Name}: the bucket bounds of {Histogram} could not be read ({Why}); its coarse-bucket warning is skipped")]
    public static partial void BucketsUnknown(ILogger logger, string name, string histogram, string why);
}
