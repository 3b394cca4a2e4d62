using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Using the PostgreSQL server of {Setting} (host {Host}, database {Database})")]
    public static partial void UsingExternalServer(ILogger logger, string setting, string? host, string? database);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} migrations applied now)")]
    public static partial void Migrated(ILogger logger, int applied);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "The PerfFleet database could not be set up")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Another coordinator on this machine can share the embedded PostgreSQL: same data directory, and PerfFleet__Database__ConnectionString from {File}")]
    public static partial void EmbeddedShared(ILogger logger, string file);
}
