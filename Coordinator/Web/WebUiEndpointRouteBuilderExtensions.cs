using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PerfFleet.Coordinator.Web.Assets;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Errors;
using PerfFleet.Coordinator.Web.History;
using PerfFleet.Coordinator.Web.RunDetails;
using PerfFleet.Coordinator.Web.Runs;
using PerfFleet.Coordinator.Web.Workers;

namespace PerfFleet.Coordinator.Web;

public static class WebUiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the pages (/, /runs, /runs/{id}, /history, /workers), the live-update JSON
    /// (/ui/runs/status), the assets (/ui/site.css, /ui/live.js) and /login, /logout.
    /// Call on the web port's pipeline after <see cref="WebUiServiceCollectionExtensions.AddPerfFleetWebUi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapPerfFleetWebUi(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup(string.Empty).AddEndpointFilter<WebUiErrorFilter>();
        AssetEndpoints.Map(open);
        LoginEndpoints.Map(open);

        // Filters run in the order added: errors outermost, so a failing login check is a 500 page too.
        var pages = endpoints.MapGroup(string.Empty)
            .AddEndpointFilter<WebUiErrorFilter>()
            .AddEndpointFilter<WebUiLoginFilter>();
        RunsEndpoints.Map(pages);
        RunDetailsEndpoints.Map(pages);
        HistoryEndpoints.Map(pages);
        WorkersEndpoints.Map(pages);
        return endpoints;
    }
}
