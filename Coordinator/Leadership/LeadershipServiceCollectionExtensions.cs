using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PerfFleet.Coordinator.Leadership;

public static class LeadershipServiceCollectionExtensions
{
    /// <summary>
    /// Leader election: <see cref="LeadershipOptions"/> (section <c>PerfFleet:Leadership</c>,
    /// validated at start), <see cref="ILeadership"/> and the <see cref="PostgresLeadership"/>
    /// hosted service. Needs <c>AddPerfFleetStorage</c>.
    /// </summary>
    public static IServiceCollection AddPerfFleetLeadership(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LeadershipOptions>()
            .Bind(configuration.GetSection(LeadershipOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostgresLeadership>();
        services.AddSingleton<ILeadership>(provider => provider.GetRequiredService<PostgresLeadership>());
        services.AddHostedService(provider => provider.GetRequiredService<PostgresLeadership>());
        return services;
    }
}
