using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.Grpc.Server;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of a service (a class deriving from a generated XxxBase) to gRPC endpoints.
    /// The service instance is resolved from DI per call (or created per call when not registered).</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.ServiceProvider;
        if (services.GetService<IOptions<GrpcServiceOptions>>() is null)
        {
            throw new InvalidOperationException("Call services.AddGrpc() before MapGrpcService<TService>().");
        }

        var options = services.GetRequiredService<IOptions<GrpcServiceOptions<TService>>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Grpc.AspNetCore.Server");
        var binder = new EndpointServiceBinder<TService>(builder, options, services.GetRequiredService<TimeProvider>(), logger);
        FindBindMethod(typeof(TService)).Invoke(null, [binder, null]);
        UnimplementedEndpoints.MapOnce(builder);
        return new GrpcServiceEndpointConventionBuilder(binder.EndpointBuilders);
    }

    /// <summary>The generated static BindService(ServiceBinderBase, XxxBase) named by [BindServiceMethod] on the base class.</summary>
    private static MethodInfo FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            var attribute = type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false);
            if (attribute is null)
            {
                continue;
            }

            return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                ?? throw new InvalidOperationException($"{attribute.BindType} has no static {attribute.BindMethodName}(ServiceBinderBase, {type.Name}) method.");
        }

        throw new InvalidOperationException($"{serviceType} is not a gRPC service: it must derive from a generated service base class (one with [BindServiceMethod]).");
    }
}
