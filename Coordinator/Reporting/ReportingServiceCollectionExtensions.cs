using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Reporting;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>
    /// The GitHub calls (Octokit behind a Polly retry pipeline), comment publisher, alert sender, report factory and the outbox loop.
    /// The host must also register <see cref="IOutboxStore"/> and <see cref="Leadership.ILeadership"/> (unless
    /// <paramref name="runOutboxProcessor"/> is false).
    /// Pass <paramref name="runOutboxProcessor"/> false to register everything but the hosted loop.
    /// </summary>
    public static IServiceCollection AddPerfFleetReporting(this IServiceCollection services, bool runOutboxProcessor = true)
    {
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPerfFleetRepositoryRegistry(); // per-repository tokens and installations

        services.TryAddSingleton<GitHubAppJwtFactory>();
        services.TryAddTransient<GitHubApiVersionHandler>();
        services.AddHttpClient(GitHubClientFactory.HttpClientName) // Octokit's handler; its timeout is Octokit's
            .AddHttpMessageHandler<GitHubApiVersionHandler>();
        services.TryAddSingleton<GitHubClientFactory>();
        services.TryAddSingleton<GitHubAppTokenSource>();
        services.TryAddSingleton<IGitHubCredentials, GitHubCredentials>();
        services.TryAddSingleton<GitHubApi>();
        services.AddHttpClient<AlertSender>(ConfigureTimeout);
        services.TryAddTransient<PullRequestCommentPublisher>();
        services.TryAddTransient<ReportDispatcher>();
        services.TryAddSingleton<ReportMessageFactory>();
        if (runOutboxProcessor)
        {
            services.AddHostedService<OutboxProcessor>();
        }

        return services;
    }

    private static void ConfigureTimeout(IServiceProvider provider, HttpClient client) =>
        client.Timeout = provider.GetRequiredService<IOptions<GitHubOptions>>().Value.RequestTimeout;
}
