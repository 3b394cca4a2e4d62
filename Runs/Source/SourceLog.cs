using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Source;

internal static partial class SourceLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Cloning {Url} into the cache")]
    public static partial void Cloning(ILogger logger, string url);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Fetching {Url}: commit {Commit} is not in the cache yet")]
    public static partial void Fetching(ILogger logger, string url, string commit);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Checked out {Commit} into {Directory}")]
    public static partial void CheckedOut(ILogger logger, string commit, string directory);
}
