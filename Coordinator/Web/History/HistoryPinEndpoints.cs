using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// POST /history/baselines/{id}/pin and /unpin: the history page's pin buttons. They call
/// <see cref="BaselinePins"/>, the same operations as the admin API's PinBaseline and
/// UnpinBaseline, after <see cref="AdminFormFilter"/> checked the session, the origin and the form
/// token; the service's refusals (not a completed baseline) become their pages. Success redirects
/// to the history of the baseline's repository and scenario (post/redirect/get).
/// </summary>
internal static class HistoryPinEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/history/baselines/{id}/pin", (string id, HttpContext context, [FromServices] BaselinePins pins, [FromServices] WebPageResults pages) =>
            ActAsync(id, context, pages, testId => pins.PinAsync(testId, context.RequestAborted)));
        endpoints.MapPost("/history/baselines/{id}/unpin", (string id, HttpContext context, [FromServices] BaselinePins pins, [FromServices] WebPageResults pages) =>
            ActAsync(id, context, pages, testId => pins.UnpinAsync(testId, context.RequestAborted)));
    }

    public static string PinUrl(Guid id) => $"/history/baselines/{id}/pin";

    public static string UnpinUrl(Guid id) => $"/history/baselines/{id}/unpin";

    private static async Task<IResult> ActAsync(string id, HttpContext context, WebPageResults pages, Func<Guid, Task<Contracts.V1.BaselineInfo>> act)
    {
        if (RunIds.Parse(id, out var testId) is { } problem)
        {
            return pages.BadRequest(context, [$"{problem} {RunActionErrors.NothingChanged}"]);
        }

        try
        {
            var baseline = await act(testId);
            return Results.Redirect(HistoryRequest.Url(baseline.Repository, baseline.Scenario.Length == 0 ? null : baseline.Scenario));
        }
        catch (RpcException exception)
        {
            return RunActionErrors.Page(pages, context, exception, RunActionErrors.NothingChanged);
        }
    }
}
