using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfFleet.Runs;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Source;
using PerfFleet.ServiceDefaults.Grpc;
using PerfFleet.ServiceDefaults.Telemetry;
using PerfFleet.Worker.Heartbeats;
using PerfFleet.Worker.Payloads;
using PerfFleet.Worker.Reporting;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Hosting;

public static class WorkerHostServiceCollectionExtensions
{
    /// <summary>
    /// Everything a worker process runs: options (<c>PerfFleet:Worker</c>, <c>PerfFleet:Security</c>),
    /// the run pipeline with the load engine and the Fleet.ReportResults sink, the Worker gRPC
    /// service, the heartbeat loop and the metrics.
    /// </summary>
    public static IServiceCollection AddWorkerHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FleetTokenOptions>().Bind(configuration.GetSection(FleetTokenOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // The pipeline's sections live under PerfFleet: PerfFleet:Worker:Source, :Pipeline, :Compose.
        var root = configuration.GetSection("PerfFleet");
        services.AddRunPipeline(root);
        services.AddOptions<PipelineOptions>().PostConfigure<IOptions<WorkerOptions>>((pipeline, worker) =>
        {
            if (worker.Value.WorkDirectory is { Length: > 0 } work && root.GetSection(PipelineOptions.Section)["RunsDirectory"] is null)
            {
                pipeline.RunsDirectory = Path.Combine(work, "runs");
            }

            pipeline.MaxRequestRate ??= worker.Value.Capacity.RequestRate;
        });
        services.AddOptions<SourceOptions>().PostConfigure<IOptions<WorkerOptions>>((source, worker) =>
        {
            if (worker.Value.WorkDirectory is { Length: > 0 } work && root.GetSection(SourceOptions.Section)["CacheDirectory"] is null)
            {
                source.CacheDirectory = Path.Combine(work, "git-cache");
            }
        });

        services.AddMetrics();
        services.AddPerfFleetTelemetry(configuration, "perffleet-worker");
        services.AddSingleton<WorkerEndpoints>();
        services.AddSingleton<CoordinatorPool>();
        services.AddSingleton<ActiveTestRegistry>();
        services.AddSingleton<EpochTracker>();
        services.AddSingleton<TestCommands>();
        services.AddSingleton(provider =>
        {
            var registry = provider.GetRequiredService<ActiveTestRegistry>();
            return new WorkerMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), () =>
            {
                var used = registry.Used();
                return (used.ConcurrentTests, used.RequestRate);
            });
        });
        services.AddSingleton<ILoadStep, EngineLoadStep>();
        services.AddSingleton<IResultSink, FleetResultSink>();
        services.AddSingleton<IPayloadFiles, FleetPayloadFiles>();
        services.AddSingleton<TestRunLauncher>();
        services.AddHostedService(provider => provider.GetRequiredService<TestRunLauncher>());
        services.AddSingleton<WorkerIncarnation>();
        services.AddSingleton<HeartbeatComposer>();
        services.AddHostedService<HeartbeatLoop>();
        services.AddPerfFleetGrpc(grpc => grpc.Interceptors.Add<FleetTokenInterceptor>());

        // A stop tears stacks down (compose down -v can take a while): give the runs time to end.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));
        return services;
    }
}
