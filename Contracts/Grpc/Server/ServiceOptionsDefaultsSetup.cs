using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grpc.AspNetCore.Server;

/// <summary>Copies the global options into a service's options before the service's own configuration runs.
/// Registered as an open generic, so it sees every options type and ignores all but GrpcServiceOptions&lt;TService&gt;;
/// the global options are resolved lazily, which avoids a cycle when TOptions is GrpcServiceOptions itself.</summary>
internal sealed class ServiceOptionsDefaultsSetup<TOptions>(IServiceProvider services) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        if (options is not GrpcServiceOptions serviceOptions || options.GetType() == typeof(GrpcServiceOptions))
        {
            return;
        }

        var global = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        serviceOptions.MaxReceiveMessageSize = global.MaxReceiveMessageSize;
        serviceOptions.MaxSendMessageSize = global.MaxSendMessageSize;
        serviceOptions.EnableDetailedErrors = global.EnableDetailedErrors;
        foreach (var interceptor in global.Interceptors)
        {
            serviceOptions.Interceptors.Add(interceptor);
        }
    }
}
