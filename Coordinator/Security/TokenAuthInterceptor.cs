using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.Security;

/// <summary>
/// Bearer-token checks for every gRPC call a coordinator serves (DESIGN.md "Security"): workers'
/// calls (<c>Fleet.Heartbeat</c>, <c>Fleet.ReportResults</c>) need the fleet token; everything
/// else is the admin API and needs an admin token. Missing or wrong → UNAUTHENTICATED, before
/// the service runs.
/// </summary>
public sealed class TokenAuthInterceptor(IOptionsMonitor<SecurityOptions> options) : Interceptor
{
    private static readonly HashSet<string> FleetMethods = new(StringComparer.Ordinal)
    {
        "/perffleet.v1.Fleet/Heartbeat",
        "/perffleet.v1.Fleet/ReportResults",
    };

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        var token = TokenComparer.FromAuthorizationHeader(context.RequestHeaders.GetValue("authorization"));
        if (token is null)
        {
            ApiErrors.Unauthenticated("missing 'authorization: Bearer <token>' metadata");
        }

        var current = options.CurrentValue;
        var ok = FleetMethods.Contains(context.Method)
            ? TokenComparer.Matches(token, current.FleetToken)
            : TokenComparer.MatchesAny(token, current.AdminTokens);
        if (!ok)
        {
            ApiErrors.Unauthenticated(FleetMethods.Contains(context.Method) ? "the fleet token is not valid" : "the admin token is not valid");
        }
    }
}
