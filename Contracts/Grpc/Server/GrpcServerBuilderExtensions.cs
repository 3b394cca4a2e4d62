using Grpc.AspNetCore.Server;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServerBuilderExtensions
{
    /// <summary>Options for one service (e.g. its own interceptors or limits), applied on top of the global options.</summary>
    public static IGrpcServerBuilder AddServiceOptions<TService>(this IGrpcServerBuilder builder, Action<GrpcServiceOptions<TService>> configure)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<GrpcServiceOptions<TService>>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
