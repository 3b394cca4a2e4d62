using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Auth;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>GET /history?repo=&amp;scenario=&amp;query=.</summary>
internal static class HistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/history", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext context, HistoryLoader loader, WebPageResults pages, WebSessionTokens sessions, IOptions<WebUiOptions> options)
    {
        var (request, problems) = HistoryRequest.Parse(context.Request.Query);
        if (request is null)
        {
            return pages.BadRequest(context, problems);
        }

        var (model, notFound) = await loader.LoadAsync(request, context.RequestAborted);
        return model is null
            ? pages.NotFound(context, notFound ?? "Nothing found.")
            : pages.Page(context, HistoryPageRenderer.Title(model), HistoryPageRenderer.Render(model, RunActionsView.For(context, sessions, options.Value)));
    }
}
