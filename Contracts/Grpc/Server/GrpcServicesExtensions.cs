using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServicesExtensions
{
    /// <summary>Registers the gRPC server (then map services with endpoints.MapGrpcService&lt;TService&gt;()).</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        var options = services.AddOptions<GrpcServiceOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IConfigureOptions<>), typeof(ServiceOptionsDefaultsSetup<>)));
        return new GrpcServerBuilder(services);
    }
}
