using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>GET / and /runs (the list) and GET /ui/runs/status (what the live-update script polls).</summary>
internal static class RunsEndpoints
{
    private const int MaxPolledIds = 100;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", ListAsync);
        endpoints.MapGet("/runs", ListAsync);
        endpoints.MapGet("/ui/runs/status", StatusAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, RunsPageLoader loader, WebPageResults pages)
    {
        var (filter, problems) = RunsFilterParser.Parse(context.Request.Query);
        if (filter is null)
        {
            return pages.BadRequest(context, problems);
        }

        var model = await loader.LoadAsync(filter, context.RequestAborted);
        return pages.Page(context, "Runs", RunsPageRenderer.Render(model), liveUpdates: model.AnyMoving);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, IDbContextFactory<PerfFleetDbContext> contexts)
    {
        var text = context.Request.Query["ids"].ToString();
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > MaxPolledIds)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'ids' must list 1 to {MaxPolledIds} run ids, comma-separated.");
        }

        var ids = new List<Guid>(parts.Length);
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'ids' contains a value that is not a run id (a GUID).");
            }

            ids.Add(id);
        }

        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var rows = await db.LoadTests.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Status, t.Verdict })
            .ToListAsync(context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(rows.Select(r => new RunLiveStatus(
            r.Id, EnumNames.Of(r.Status), r.Verdict is null ? null : EnumNames.Of(r.Verdict.Value))));
    }
}
