using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>The request delegate of one gRPC method: checks the request, runs the handler, maps the outcome to a status.</summary>
internal sealed class ServerCallHandler<TService, TRequest, TResponse>(
    ServiceMethodInvoker<TService, TRequest, TResponse> invoker,
    GrpcServiceOptions options,
    TimeProvider timeProvider,
    ILogger logger)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    private Method<TRequest, TResponse> Method => invoker.Method;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!await RequestIsGrpcAsync(httpContext))
        {
            return;
        }

        using var call = new HttpContextServerCallContext(httpContext, Method, options, logger);
        httpContext.Features.Set<IServerCallContextFeature>(new ServerCallContextFeature(call));
        var status = Status.DefaultSuccess;
        try
        {
            call.StartDeadline(timeProvider);
            await RunHandlerAsync(httpContext.RequestServices, call);
            status = call.Status;
        }
        catch (Exception e) when (call.DeadlineExceeded)
        {
            // The deadline already ended the call (and cancelled the handler); what the handler threw afterwards does not matter.
            GrpcServerLog.HandlerFailedAfterEnd(logger, Method.FullName, e);
        }
        catch (RpcException e)
        {
            status = e.Status;
            foreach (var entry in e.Trailers)
            {
                call.ResponseTrailers.Add(entry);
            }
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: nothing can be sent any more.
            GrpcServerLog.CallCancelled(logger, Method.FullName);
            return;
        }
        catch (Exception e) when (e is IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            GrpcServerLog.CallCancelled(logger, Method.FullName);
            return;
        }
        catch (Exception e)
        {
            // Any other exception is a bug in the service: log it, and do not leak its text unless asked to.
            GrpcServerLog.HandlerFailed(logger, Method.FullName, e);
            status = new Status(StatusCode.Unknown, options.EnableDetailedErrors ? $"Exception was thrown by handler. {e.GetType().Name}: {e.Message}" : "Exception was thrown by handler.");
        }

        if (call.DeadlineExceeded)
        {
            await call.WaitForDeadlineCompletionAsync();
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            GrpcServerLog.CallFailed(logger, Method.FullName, status.StatusCode, status.Detail);
        }

        await call.CompleteAsync(status);
    }

    private async Task RunHandlerAsync(IServiceProvider services, HttpContextServerCallContext call)
    {
        switch (Method.Type)
        {
            case MethodType.Unary:
            {
                var request = await new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller).ReadSingleAsync();
                var response = await invoker.InvokeUnaryAsync(services, request, call);
                if (response is null)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "The service returned no response message."));
                }

                await call.WriteMessageAsync(Method.ResponseMarshaller, response, call.CancellationToken);
                break;
            }

            case MethodType.ServerStreaming:
            {
                var request = await new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller).ReadSingleAsync();
                await invoker.InvokeServerStreamingAsync(services, request, new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller), call);
                break;
            }

            case MethodType.ClientStreaming:
            {
                var response = await invoker.InvokeClientStreamingAsync(services, new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller), call);
                if (response is null)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "The service returned no response message."));
                }

                await call.WriteMessageAsync(Method.ResponseMarshaller, response, call.CancellationToken);
                break;
            }

            case MethodType.DuplexStreaming:
                await invoker.InvokeDuplexStreamingAsync(services, new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller), new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller), call);
                break;

            default:
                throw new InvalidOperationException($"Unknown method type {Method.Type}.");
        }
    }

    /// <summary>Answers requests that are not gRPC calls before any handler runs: 415 for another content-type, 426 for HTTP/1.</summary>
    private async Task<bool> RequestIsGrpcAsync(HttpContext httpContext)
    {
        var contentType = httpContext.Request.ContentType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            GrpcServerLog.UnsupportedContentType(logger, Method.FullName, contentType ?? "");
            await RejectAsync(httpContext, StatusCodes.Status415UnsupportedMediaType, $"Content-Type \"{contentType}\" is not supported: gRPC calls use application/grpc.");
            return false;
        }

        if (!HttpProtocol.IsHttp2(httpContext.Request.Protocol) && !HttpProtocol.IsHttp3(httpContext.Request.Protocol))
        {
            await RejectAsync(httpContext, StatusCodes.Status426UpgradeRequired, $"Request protocol \"{httpContext.Request.Protocol}\" is not supported: gRPC needs HTTP/2.");
            return false;
        }

        return true;
    }

    private static async Task RejectAsync(HttpContext httpContext, int httpStatus, string message)
    {
        httpContext.Response.StatusCode = httpStatus;
        httpContext.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers[GrpcProtocol.MessageTrailer] = StatusMessageEncoding.Encode(message);
        httpContext.Response.ContentType = "text/plain";
        await httpContext.Response.WriteAsync(message);
    }
}
