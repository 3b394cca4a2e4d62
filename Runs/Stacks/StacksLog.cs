using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Stacks;

internal static partial class StacksLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Started local service {Service} of {Project} as process group {ProcessGroup}")]
    public static partial void LocalServiceStarted(ILogger logger, string service, string project, int processGroup);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Stopped local stack {Project}")]
    public static partial void LocalStackStopped(ILogger logger, string project);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Process group {ProcessGroup} of {Service} ignored SIGTERM; sending SIGKILL")]
    public static partial void Killing(ILogger logger, int processGroup, string service);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Compose project {Project} is up ({Cli})")]
    public static partial void ComposeUp(ILogger logger, string project, string cli);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Compose project {Project} is down")]
    public static partial void ComposeDown(ILogger logger, string project);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Tearing down {Project} did not fully succeed: {Problem}")]
    public static partial void TeardownProblem(ILogger logger, string project, string problem);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Removed leftover compose project {Project}")]
    public static partial void LeftoverRemoved(ILogger logger, string project);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "Docker is not available, no leftover stacks to remove: {Reason}")]
    public static partial void DockerUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "Resource sampling of {Project} failed: {Problem}")]
    public static partial void SamplingFailed(ILogger logger, string project, string problem);
}
