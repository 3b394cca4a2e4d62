using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PerfFleet.Coordinator.Comparison;

public static class ComparisonServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RunComparer"/> with <see cref="ComparisonOptions"/> from <c>PerfFleet:Comparison</c>.</summary>
    public static IServiceCollection AddPerfFleetComparison(this IServiceCollection services)
    {
        services.AddOptions<ComparisonOptions>()
            .BindConfiguration(ComparisonOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RunComparer>();
        return services;
    }
}
