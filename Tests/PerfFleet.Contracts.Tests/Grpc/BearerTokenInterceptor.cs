using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>The way a PerfFleet host guards a service: check the bearer token before the handler runs.</summary>
public sealed class BearerTokenInterceptor(string expectedToken) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header != "Bearer " + expectedToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, header is null ? "Missing bearer token." : "Invalid bearer token."));
        }

        // The ASP.NET Core request is reachable too (connection, TLS, user).
        context.UserState["peer"] = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "";
    }
}
