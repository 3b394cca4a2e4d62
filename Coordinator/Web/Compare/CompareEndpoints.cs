using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.Compare;

/// <summary>
/// GET /compare?run={id}&amp;against={id}: any two runs with results, judged by
/// <see cref="LoadTestComparisons"/> (the admin API's Compare) as if the second were the first's
/// baseline. Both ids are checked here (400 naming the parameter); an unknown run is a 404, a run
/// without results a 409 that says its state.
/// </summary>
internal static class CompareEndpoints
{
    public const string Path = "/compare";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, ShowAsync);

    public static string Url(Guid run, Guid against) => $"{Path}?run={run}&against={against}";

    private static async Task<IResult> ShowAsync(HttpContext context, [FromServices] LoadTestComparisons comparisons, WebPageResults pages)
    {
        var query = new QueryStringReader(context.Request.Query);
        var run = query.RequiredRunId("run");
        var against = query.RequiredRunId("against");
        if (run is null || against is null)
        {
            return pages.BadRequest(context, query.Problems);
        }

        try
        {
            var compared = await comparisons.CompareRunsAsync(run.Value, against.Value, context.RequestAborted);
            return pages.Page(context, ComparePageRenderer.Title(compared), ComparePageRenderer.Render(compared));
        }
        catch (RpcException exception)
        {
            return RunActionErrors.Page(pages, context, exception);
        }
    }
}
