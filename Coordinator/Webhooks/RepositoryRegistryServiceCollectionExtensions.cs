using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Webhooks;

public static class RepositoryRegistryServiceCollectionExtensions
{
    /// <summary>
    /// <c>PerfFleet:Repositories</c> options (validated at start) and the configuration-backed
    /// <see cref="IRepositoryRegistry"/> unless another is registered. Safe to call more than once:
    /// binding a list twice would register every repository twice.
    /// </summary>
    public static IServiceCollection AddPerfFleetRepositoryRegistry(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RepositoryRegistryMarker)))
        {
            return services;
        }

        services.AddSingleton<RepositoryRegistryMarker>();
        services.AddOptions<RepositoryRegistryOptions>().BindConfiguration(RepositoryRegistryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RepositoryRegistryOptions>, RepositoryRegistryOptionsValidator>());
        services.TryAddSingleton<IRepositoryRegistry, ConfigurationRepositoryRegistry>();
        return services;
    }

    private sealed class RepositoryRegistryMarker;
}
