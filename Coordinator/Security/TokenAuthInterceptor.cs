using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Api;
using PerfFleet.ServiceDefaults.Grpc;

namespace PerfFleet.Coordinator.Security;

/// <summary>
/// Bearer-token checks for every gRPC call a coordinator serves (DESIGN.md "Security"): workers'
/// calls (<c>Fleet.Heartbeat</c>, <c>Fleet.ReportResults</c>, <c>Payloads.Download</c>) need the fleet token; everything
/// else is the admin API and needs an admin token, or a read-only token for the calls that change
/// nothing; health and reflection need none. Missing or wrong → UNAUTHENTICATED; a read-only token on a call that changes state →
/// PERMISSION_DENIED; both before the service runs.
/// </summary>
public sealed class TokenAuthInterceptor(IOptionsMonitor<SecurityOptions> options) : Interceptor
{
    private static readonly HashSet<string> FleetMethods = new(StringComparer.Ordinal)
    {
        "/perffleet.v1.Fleet/Heartbeat",
        "/perffleet.v1.Fleet/ReportResults",
        "/perffleet.v1.Payloads/Download",
    };

    /// <summary>The admin calls a read-only token may make: they read and never change state.</summary>
    private static readonly HashSet<string> ReadMethods = new(StringComparer.Ordinal)
    {
        "/perffleet.v1.LoadTests/List",
        "/perffleet.v1.LoadTests/Get",
        "/perffleet.v1.LoadTests/Watch",
        "/perffleet.v1.LoadTests/History",
        "/perffleet.v1.LoadTests/Compare",
        "/perffleet.v1.LoadTests/ListBaselines",
        "/perffleet.v1.Repositories/List",
        "/perffleet.v1.Payloads/List",
        "/perffleet.v1.Payloads/Get",
        "/perffleet.v1.Fleet/ListWorkers",
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
        if (AnonymousGrpcServices.Contains(context.Method))
        {
            return;
        }

        var token = TokenComparer.FromAuthorizationHeader(context.RequestHeaders.GetValue("authorization"));
        if (token is null)
        {
            ApiErrors.Unauthenticated("missing 'authorization: Bearer <token>' metadata");
        }

        var current = options.CurrentValue;
        if (FleetMethods.Contains(context.Method))
        {
            if (!TokenComparer.Matches(token, current.FleetToken))
            {
                ApiErrors.Unauthenticated("the fleet token is not valid");
            }

            return;
        }

        // Both lists are always compared, so the time taken does not say which kind a token is.
        var admin = TokenComparer.MatchesAny(token, current.AdminTokens);
        var readOnly = TokenComparer.MatchesAny(token, current.ReadOnlyTokens);
        if (admin)
        {
            return;
        }

        if (!readOnly)
        {
            ApiErrors.Unauthenticated("the admin token is not valid");
        }

        if (!ReadMethods.Contains(context.Method))
        {
            ApiErrors.PermissionDenied($"{CallName(context.Method)} changes state and this token is read-only: use an admin token");
        }
    }

    /// <summary>"/perffleet.v1.LoadTests/Stop" → "LoadTests.Stop", as a user knows the call.</summary>
    private static string CallName(string method) =>
        method.StartsWith("/perffleet.v1.", StringComparison.Ordinal) ? method["/perffleet.v1.".Length..].Replace('/', '.') : method;
}
