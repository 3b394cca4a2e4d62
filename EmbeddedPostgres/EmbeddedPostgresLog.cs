using Microsoft.Extensions.Logging;

namespace PerfFleet.EmbeddedPostgres;

internal static partial class EmbeddedPostgresLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Creating a PostgreSQL {Version} cluster in {ClusterDirectory}")]
    public static partial void CreatingCluster(ILogger logger, int version, string clusterDirectory);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Embedded PostgreSQL started on 127.0.0.1:{Port} (pid {ProcessId}, data {ClusterDirectory})")]
    public static partial void Started(ILogger logger, int port, int processId, string clusterDirectory);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; trying another")]
    public static partial void PortTaken(ILogger logger, int port);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "A PostgreSQL server (pid {ProcessId}) left running by an earlier run owns {ClusterDirectory}; stopping it")]
    public static partial void StoppingStaleServer(ILogger logger, int processId, string clusterDirectory);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Embedded PostgreSQL stopped (data {ClusterDirectory})")]
    public static partial void Stopped(ILogger logger, string clusterDirectory);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "A fast shutdown of PostgreSQL in {ClusterDirectory} failed; shutting it down immediately")]
    public static partial void FastStopFailed(ILogger logger, string clusterDirectory, Exception exception);
}
