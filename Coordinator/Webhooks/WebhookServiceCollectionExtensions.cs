using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The webhook handler, the configuration-backed <see cref="IRepositoryRegistry"/> (unless one is
    /// registered already) and the GitHub-backed <see cref="IPullRequestHeadResolver"/>. The host
    /// must register an <see cref="IWebhookTestSink"/> (storage) and call
    /// <c>AddPerfFleetReporting</c> (the head resolver uses its GitHub client).
    /// </summary>
    public static IServiceCollection AddPerfFleetWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RepositoryRegistryOptions>().BindConfiguration(RepositoryRegistryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RepositoryRegistryOptions>, RepositoryRegistryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRepositoryRegistry, ConfigurationRepositoryRegistry>();
        services.TryAddTransient<IPullRequestHeadResolver, GitHubPullRequestHeadResolver>();
        services.TryAddScoped<GitHubWebhookHandler>();
        return services;
    }
}
