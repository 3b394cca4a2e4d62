using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfFleet.Comparison;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Coordinator.Comparison.ChangePoints;

namespace PerfFleet.Coordinator.Comparison;

public static class ComparisonServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RunComparer"/> with <see cref="ComparisonOptions"/> from <c>PerfFleet:Comparison</c>,
    /// and the change-point detection of the baselines' history.
    /// </summary>
    public static IServiceCollection AddPerfFleetComparison(this IServiceCollection services)
    {
        services.AddOptions<ComparisonOptions>()
            .BindConfiguration(ComparisonOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RunComparer>();
        services.AddPerfFleetChangePoints();
        return services;
    }
}
