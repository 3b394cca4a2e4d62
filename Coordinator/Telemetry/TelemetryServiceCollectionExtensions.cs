namespace PerfFleet.Coordinator.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The coordinator's instruments and the background reader behind its gauges.</summary>
    public static IServiceCollection AddCoordinatorMetrics(this IServiceCollection services)
    {
        services.AddSingleton<CoordinatorMetrics>();
        services.AddHostedService<FleetSnapshotRefresher>();
        return services;
    }
}
