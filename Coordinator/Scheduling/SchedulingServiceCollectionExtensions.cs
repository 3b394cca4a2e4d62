using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PerfFleet.Coordinator.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The leader's scheduler: <see cref="SchedulingOptions"/> (section <c>PerfFleet:Scheduling</c>,
    /// validated at start), <see cref="AssignmentClaimer"/>, <see cref="WorkerLivenessSweep"/> and the
    /// <see cref="SchedulerService"/> loop. Needs <c>AddPerfFleetStorage</c>, <c>AddPerfFleetLeadership</c>
    /// and an <see cref="IWorkerDispatcher"/> registration (the gRPC Worker.Start client).
    /// </summary>
    public static IServiceCollection AddPerfFleetScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>()
            .Bind(configuration.GetSection(SchedulingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AssignmentClaimer>();
        services.AddSingleton<WorkerLivenessSweep>();
        services.AddSingleton<SchedulerService>();
        services.AddHostedService(provider => provider.GetRequiredService<SchedulerService>());
        return services;
    }
}
