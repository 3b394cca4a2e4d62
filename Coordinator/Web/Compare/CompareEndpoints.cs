using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
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

    private static async Task<IResult> ShowAsync(
        HttpContext context,
        [FromServices] LoadTestComparisons comparisons,
        [FromServices] IDbContextFactory<PerfFleetDbContext> contexts,
        WebPageResults pages)
    {
        var problems = new List<string>();
        var run = Parse(context.Request.Query["run"], "run", problems);
        var against = Parse(context.Request.Query["against"], "against", problems);
        if (problems.Count > 0)
        {
            return pages.BadRequest(context, problems);
        }

        Contracts.V1.Comparison comparison;
        try
        {
            comparison = await comparisons.CompareAsync(run, against, context.RequestAborted);
        }
        catch (RpcException exception)
        {
            return RunActionErrors.Page(pages, context, exception, afterwards: null);
        }

        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var runs = await db.LoadTests.AsNoTracking().Where(t => t.Id == run || t.Id == against).ToDictionaryAsync(t => t.Id, context.RequestAborted);
        var model = new ComparePageModel(runs[run], runs[against], comparison);
        return pages.Page(context, ComparePageRenderer.Title(model), ComparePageRenderer.Render(model));
    }

    private static Guid Parse(string? text, string parameter, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            problems.Add($"'{parameter}' is missing: give the id of a run with results.");
            return Guid.Empty;
        }

        if (RunIds.Parse(text, out var id) is { } problem)
        {
            problems.Add($"{parameter}: {problem}");
        }

        return id;
    }
}
