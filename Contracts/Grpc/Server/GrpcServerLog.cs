using Microsoft.Extensions.Logging;

namespace PerfFleet.Contracts.Grpc.Server;

internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC method {Method} threw; the client gets UNKNOWN")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "gRPC call {Method} passed its deadline")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "gRPC call {Method} could not be ended at its deadline")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "gRPC call {Method} was cancelled by the client")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "gRPC call {Method} rejected: content-type \"{ContentType}\" is not gRPC")]
    public static partial void UnsupportedContentType(ILogger logger, string method, string contentType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, global::Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "gRPC handler of {Method} failed after the call had ended")]
    public static partial void HandlerFailedAfterEnd(ILogger logger, string method, Exception exception);
}
