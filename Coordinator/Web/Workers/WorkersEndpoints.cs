using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>GET /workers.</summary>
internal static class WorkersEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/workers", async (HttpContext context, WorkersPageLoader loader, WebPageResults pages) =>
    {
        var model = await loader.LoadAsync(context.RequestAborted);
        return pages.Page(context, "Workers", WorkersPageRenderer.Render(model));
    });
}
