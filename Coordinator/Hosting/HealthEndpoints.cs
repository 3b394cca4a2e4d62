using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>
/// <c>/healthz</c>: the process serves requests. <c>/readyz</c>: the database is ready, so this
/// coordinator can take API calls and webhooks; it also says whether it leads.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapPerfFleetHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (PerfFleetDatabase database, ILeadership leadership) =>
        {
            var body = new { ready = database.IsReady, leader = leadership.IsLeader, epoch = leadership.Epoch };
            return database.IsReady ? Results.Json(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
