using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Queries;
using PerfFleet.Runs.Source;
using PerfFleet.Runs.Stacks;
using PerfFleet.Runs.Stacks.Compose;
using PerfFleet.Runs.Stacks.External;
using PerfFleet.Runs.Stacks.Local;

namespace PerfFleet.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the run pipeline (source, stacks, readiness, queries) and the start-up removal of
    /// leftover <c>pf-*</c> compose projects. The host must also register an <see cref="ILoadStep"/>
    /// (the load engine) and an <see cref="IResultSink"/> (Fleet.ReportResults).
    /// </summary>
    public static IServiceCollection AddRunPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(SourceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ComposeOptions>().Bind(configuration.GetSection(ComposeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ISourceFetcher, GitSourceFetcher>();
        services.AddSingleton<ComposeCli>();
        services.AddSingleton<ComposeProjectCleaner>();
        services.AddSingleton<IStackDriver, ComposeStackDriver>();
        services.AddSingleton<IStackDriver, LocalStackDriver>();
        services.AddSingleton<IStackDriver, ExternalStackDriver>();
        services.AddHostedService<LeftoverStackCleanup>();

        // Readiness and queries only ever call the stack on loopback; no proxy may intercept that.
        services.AddHttpClient<ReadinessProbe>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        services.AddHttpClient<IPrometheusQueryClient, PrometheusQueryClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        services.TryAddSingleton<IPayloadFiles, NoPayloadStore>();
        services.AddSingleton<RunPipeline>();
        return services;
    }
}
