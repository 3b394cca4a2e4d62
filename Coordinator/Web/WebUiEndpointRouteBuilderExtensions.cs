using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Assets;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Compare;
using PerfFleet.Coordinator.Web.Errors;
using PerfFleet.Coordinator.Web.History;
using PerfFleet.Coordinator.Web.RunDetails;
using PerfFleet.Coordinator.Web.Runs;
using PerfFleet.Coordinator.Web.Workers;

namespace PerfFleet.Coordinator.Web;

public static class WebUiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the pages (/, /runs, /runs/{id}, /history, /compare, /workers), the admin forms
    /// (POST /runs/{id}/stop, /runs/{id}/rerun, /history/baselines/{id}/pin and /unpin), the live-update JSON (/ui/runs/status), the
    /// assets (/ui/site.css, /ui/live.js) and /login, /logout.
    /// Call on the web port's pipeline after <see cref="WebUiServiceCollectionExtensions.AddPerfFleetWebUi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapPerfFleetWebUi(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup(string.Empty).AddEndpointFilter<WebUiErrorFilter>();
        AssetEndpoints.Map(open);
        LoginEndpoints.Map(open);

        // A browser that follows a stale or mistyped link gets a page, not Kestrel's empty 404.
        // GET only and last in order, so every other endpoint (API, webhooks, metrics) wins.
        open.MapMethods("{*path:nonfile}", [HttpMethods.Get], (HttpContext context, WebPageResults results) =>
                results.NotFound(context, $"There is no page at {context.Request.Path}."))
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);

        // Filters run in the order added: errors outermost, so a failing login check is a 500 page too.
        var pages = endpoints.MapGroup(string.Empty)
            .AddEndpointFilter<WebUiErrorFilter>()
            .AddEndpointFilter<WebUiLoginFilter>();
        RunsEndpoints.Map(pages);
        RunDetailsEndpoints.Map(pages);
        HistoryEndpoints.Map(pages);
        CompareEndpoints.Map(pages);
        WorkersEndpoints.Map(pages);

        // Changes need an administrator even where reading is open: a session and its form token.
        var admin = endpoints.MapGroup(string.Empty)
            .AddEndpointFilter<WebUiErrorFilter>()
            .AddEndpointFilter<AdminFormFilter>();
        RunActionEndpoints.Map(admin);
        HistoryPinEndpoints.Map(admin);
        return endpoints;
    }
}
