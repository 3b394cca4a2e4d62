using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.LoadTests.FollowUps;
using PerfFleet.Coordinator.Payloads;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Repositories;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Security;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Telemetry;
using PerfFleet.Coordinator.Web;
using PerfFleet.Coordinator.Webhooks;
using PerfFleet.ServiceDefaults.Grpc;
using PerfFleet.ServiceDefaults.Telemetry;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>Everything a coordinator runs, registered in one place; Program.cs stays a screen.</summary>
public static class CoordinatorServiceCollectionExtensions
{
    /// <summary>An extra JSON configuration file (the Helm chart's ConfigMap), named by this variable.</summary>
    public const string ConfigFileVariable = "PERFFLEET_CONFIG";

    public static WebApplicationBuilder AddPerfFleetCoordinator(this WebApplicationBuilder builder)
    {
        ShippedLogLevels.AddTo(builder.Configuration);
        if (Environment.GetEnvironmentVariable(ConfigFileVariable) is { Length: > 0 } file)
        {
            builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: true);
        }

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<CoordinatorOptions>().Bind(configuration.GetSection(CoordinatorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorOptionsValidator>();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>, GeneratedTokens>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>, UnsetReadOnlyTokens>();
        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>();
        services.AddSingleton<RepositoryQuotas>();
        var coordinator = configuration.GetSection(CoordinatorOptions.Section).Get<CoordinatorOptions>() ?? new CoordinatorOptions();
        builder.WebHost.ConfigureKestrel(kestrel => KestrelEndpoints.Configure(kestrel, coordinator));

        services.TryAddSingleton(TimeProvider.System);
        services.AddPerfFleetStorage(configuration);
        services.AddPerfFleetLeadership(configuration);
        services.PostConfigure<LeadershipOptions>(options => options.Address = GrpcWorkerDispatcher.CoordinatorAddress(coordinator));
        services.AddPerfFleetScheduling(configuration);

        // The database-backed registry (admin API registrations, then configuration) goes first:
        // the webhook and reporting registrations only add theirs when none is registered.
        services.AddSingleton<ConfigurationRepositoryRegistry>();
        services.AddSingleton<IRepositoryRegistry, DatabaseRepositoryRegistry>();
        services.AddPerfFleetComparison();
        services.AddPerfFleetReporting();
        services.AddPerfFleetWebhooks();
        services.AddSingleton<IOutboxStore, DatabaseOutboxStore>();
        services.AddSingleton<IWebhookTestSink, DatabaseWebhookTestSink>();

        services.AddSingleton<RunLinks>();
        services.AddSingleton<LoadTestSpecValidator>();
        services.AddSingleton<LoadTestWriter>();
        services.AddSingleton<LoadTestQueries>();
        services.AddSingleton<TestIds>();
        services.AddSingleton<LoadTestStateChanges>();
        services.AddSingleton<PullRequestRuns>();
        services.AddSingleton<LoadTestActions>();
        services.AddSingleton<LoadTestUpdates>();
        services.AddSingleton<LoadTestWatcher>();
        services.AddSingleton<LoadTestHistory>();
        services.AddSingleton<BaselinePins>();
        services.AddSingleton<LoadTestComparisons>();
        services.AddSingleton<WorkerHeartbeatWriter>();
        services.AddSingleton<HeartbeatHandler>();
        services.AddSingleton<ResultsIngest>();
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpPlanner>();
        services.AddSingleton<WorkerClients>();
        services.AddSingleton<IWorkerDispatcher, GrpcWorkerDispatcher>();
        services.AddOptions<PayloadOptions>().Bind(configuration.GetSection(PayloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PayloadStore>();
        services.AddSingleton<ScheduledPayloads>();

        services.AddPerfFleetWebUi(configuration);

        // The web UI logs in with the admin API's tokens, including the one generated on a first run.
        services.AddOptions<WebUiOptions>().PostConfigure<IOptions<SecurityOptions>>((web, security) =>
        {
            web.AdminTokens = [.. security.Value.AdminTokens];
            web.ReadOnlyTokens = [.. security.Value.ReadOnlyTokens];
        });
        services.AddPerfFleetGrpc(options =>
            {
                // Outermost first: the token, then database outages as UNAVAILABLE, then values no field may hold.
                options.Interceptors.Add<TokenAuthInterceptor>();
                options.Interceptors.Add<DatabaseUnavailableInterceptor>();
                options.Interceptors.Add<RequestValidationInterceptor>();
            })
            .AddCheck<DatabaseHealthCheck>("database");
        services.AddPerfFleetTelemetry(configuration, "perffleet-coordinator");
        services.AddCoordinatorMetrics();
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapPerfFleetCoordinator(this WebApplication app)
    {
        // Read the tokens now, not at the first call: a generated one must exist on disk for the
        // CLI and local workers as soon as the coordinator runs.
        _ = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebhookDeliveryMetrics();
        app.MapGrpcService<LoadTestsService>();
        app.MapGrpcService<FleetService>();
        app.MapGrpcService<RepositoriesService>();
        app.MapGrpcService<PayloadsService>();
        app.MapPerfFleetGrpcDefaults();
        app.MapGitHubWebhooks();
        app.MapPerfFleetHealth();
        app.MapPerfFleetMetrics();
        app.MapPerfFleetWebUi();
        return app;
    }
}
