using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfFleet.ServiceDefaults.Grpc;

/// <summary>
/// The gRPC server every PerfFleet process runs: grpc-dotnet with the standard
/// <c>grpc.health.v1.Health</c> service (fed by the host's ASP.NET Core health checks) and server
/// reflection, so <c>grpcurl</c>, <c>grpc_health_probe</c> and Kubernetes gRPC probes work
/// without the protos.
/// </summary>
public static class GrpcDefaults
{
    /// <summary>Adds the gRPC server, health and reflection; <paramref name="configure"/> adds the host's interceptors and limits.</summary>
    public static IHealthChecksBuilder AddPerfFleetGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        services.AddGrpc(options =>
        {
            // Error text goes to the caller only through RpcException statuses we write
            // ourselves; an unexpected exception says "Exception was thrown by handler".
            options.EnableDetailedErrors = false;
            configure?.Invoke(options);
        });

        services.AddGrpcReflection();
        var health = services.AddGrpcHealthChecks();

        // Our binder in place of grpc-dotnet's (after everything that adds gRPC, which would add
        // its binder back): the same methods, and a request that does not decode (bytes that are
        // not UTF-8 in a string) is INVALID_ARGUMENT, not UNKNOWN.
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(CheckedRequestMethodProvider<>));
        return health;
    }

    /// <summary>Maps the health and reflection services next to the host's own.</summary>
    public static IEndpointRouteBuilder MapPerfFleetGrpcDefaults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
