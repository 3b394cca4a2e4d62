using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PerfFleet.Coordinator.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The webhook handler, the repository registry
    /// (<see cref="RepositoryRegistryServiceCollectionExtensions.AddPerfFleetRepositoryRegistry"/>) and
    /// the GitHub-backed <see cref="IPullRequestHeadResolver"/>. The host must register an <see cref="IWebhookTestSink"/> (storage) and call
    /// <c>AddPerfFleetReporting</c> (the head resolver uses its GitHub client).
    /// </summary>
    public static IServiceCollection AddPerfFleetWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddPerfFleetRepositoryRegistry();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<IPullRequestHeadResolver, GitHubPullRequestHeadResolver>();
        services.TryAddScoped<GitHubWebhookHandler>();
        return services;
    }
}
