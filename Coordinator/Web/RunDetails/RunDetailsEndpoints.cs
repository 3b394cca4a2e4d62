using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>GET /runs/{id}: the id is taken as text and checked here, so a malformed one gets a readable 400.</summary>
internal static class RunDetailsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/runs/{id}", ShowAsync);

    private static async Task<IResult> ShowAsync(string id, HttpContext context, RunDetailsLoader loader, WebPageResults pages)
    {
        if (id.Length > 64 || !Guid.TryParse(id, out var testId))
        {
            return pages.BadRequest(context, [$"'{(id.Length > 64 ? id[..64] + "…" : id)}' is not a run id: a run id is a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301."]);
        }

        var model = await loader.LoadAsync(testId, context.RequestAborted);
        return model is null
            ? pages.NotFound(context, $"There is no run with id {testId}.")
            : pages.Page(context, RunDetailsRenderer.Title(model), RunDetailsRenderer.Render(model), liveUpdates: model.IsMoving);
    }
}
