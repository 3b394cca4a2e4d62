using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerfFleet.Coordinator.Web.Assets;

/// <summary>GET /ui/site.css and /ui/live.js. Public even with login required: they hold nothing secret.</summary>
internal static class AssetEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ui/site.css", (HttpContext context) => Serve(context, SiteStylesheet.Source, "text/css; charset=utf-8"));
        endpoints.MapGet("/ui/live.js", (HttpContext context) => Serve(context, LiveUpdateScript.Source, "text/javascript; charset=utf-8"));
    }

    private static IResult Serve(HttpContext context, string content, string contentType)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Content(content, contentType);
    }
}
