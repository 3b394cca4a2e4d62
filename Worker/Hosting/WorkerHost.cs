using PerfFleet.ServiceDefaults.Grpc;
using PerfFleet.ServiceDefaults.Telemetry;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Hosting;

/// <summary>Builds the worker process: Program.cs and the in-process host tests use the same code.</summary>
public static class WorkerHost
{
    /// <param name="args">Command-line configuration (e.g. <c>--PerfFleet:Worker:GrpcPort=0</c>).</param>
    /// <param name="configure">Adds or overrides configuration and services before the worker's own (tests).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        ShippedLogLevels.AddTo(builder.Configuration);
        builder.Logging.AddSimpleConsole(console =>
        {
            // Scopes carry the test id, attempt and epoch of every line about a test.
            console.IncludeScopes = true;
            console.SingleLine = true;
        });
        configure?.Invoke(builder);
        builder.Services.AddWorkerHost(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ApplicationServices.GetRequiredService<WorkerEndpoints>().Configure(kestrel));

        var app = builder.Build();
        app.MapGrpcService<WorkerService>();
        app.MapPerfFleetGrpcDefaults();
        app.MapPerfFleetMetrics();
        app.MapGet("/healthz", (WorkerEndpoints endpoints, ActiveTestRegistry registry, CoordinatorPool coordinators) => Results.Ok(new
        {
            status = "ok",
            worker = endpoints.WorkerId,
            running = registry.Snapshot().Count,
            coordinator = coordinators.Preferred,
        }));
        return app;
    }
}
