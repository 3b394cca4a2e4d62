using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfFleet.Comparison.ChangePoints;

namespace PerfFleet.Coordinator.Comparison.ChangePoints;

public static class ChangePointsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChangePointAlerts"/> with <see cref="ChangePointOptions"/> from <c>PerfFleet:ChangePoints</c>.</summary>
    public static IServiceCollection AddPerfFleetChangePoints(this IServiceCollection services)
    {
        services.AddOptions<ChangePointOptions>()
            .BindConfiguration(ChangePointOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ChangePointAlerts>();
        return services;
    }
}
