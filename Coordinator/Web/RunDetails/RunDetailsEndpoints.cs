using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>GET /runs/{id}: the id is taken as text and checked here, so a malformed one gets a readable 400.</summary>
internal static class RunDetailsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/runs/{id}", ShowAsync);

    private static async Task<IResult> ShowAsync(
        string id,
        HttpContext context,
        RunDetailsLoader loader,
        WebPageResults pages,
        WebSessionTokens sessions,
        IOptions<WebUiOptions> options)
    {
        if (RunIds.Parse(id, out var testId) is { } problem)
        {
            return pages.BadRequest(context, [problem]);
        }

        var model = await loader.LoadAsync(testId, context.RequestAborted);
        if (model is null)
        {
            return pages.NotFound(context, $"There is no run with id {testId}.");
        }

        var actions = RunActionsView.For(context, sessions, options.Value);
        return pages.Page(context, RunDetailsRenderer.Title(model), RunDetailsRenderer.Render(model, actions), liveUpdates: model.IsMoving);
    }
}
