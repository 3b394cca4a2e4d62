using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Api;

/// <summary>
/// Every gRPC method of the coordinator answers UNAVAILABLE while PostgreSQL cannot be reached
/// (see <see cref="DatabaseOutage"/>), instead of the UNKNOWN an unhandled exception gives: the
/// CLI then exits 10 and workers retry their heartbeats and results. In one place, so no service
/// method needs its own handling.
/// </summary>
public sealed partial class DatabaseUnavailableInterceptor(ILogger<DatabaseUnavailableInterceptor> logger) : Interceptor
{
    public const string Message = "the coordinator's database is unreachable; retry later";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Outage(e, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Outage(e, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Outage(e, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (Outage(e, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private RpcException? Outage(Exception e, ServerCallContext context)
    {
        if (e is RpcException || DatabaseOutage.Find(e) is not { } cause)
        {
            return null;
        }

        LogUnavailable(logger, context.Method, cause.Message);
        return new RpcException(new Status(StatusCode.Unavailable, $"{Message} ({cause.Message})", cause));
    }

    // One line per refused call and no stack trace: an outage refuses many calls, and the cause is not in this code.
    [LoggerMessage(EventId = 2900, Level = LogLevel.Warning, Message = "{Method} answered UNAVAILABLE: the database is unreachable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string reason);
}
