using PerfFleet.Coordinator.Scheduling;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>
/// POST /runs/{id}/stop and POST /runs/{id}/rerun: the run page's admin buttons. They call
/// <see cref="LoadTestActions"/>, the same operations as the admin API's Stop and Rerun, after
/// <see cref="AdminFormFilter"/> checked the session and the form token. The UI adds one rule
/// of its own: a button only acts on a run in the state it was shown for (stop: not finished;
/// re-run: finished), so a stale page or a replayed form gets a 409 instead of a surprise. The
/// state is read before acting, not under the action's lock: a run that ends in between is
/// answered like a success (the API's Stop is idempotent). Success answers with a redirect to the run's page (post/redirect/get).
/// </summary>
internal static class RunActionEndpoints
{
    public const string StopReason = "stopped from the web UI";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/runs/{id}/stop", StopAsync);
        endpoints.MapPost("/runs/{id}/rerun", RerunAsync);
    }

    public static string StopUrl(Guid id) => $"/runs/{id}/stop";

    public static string RerunUrl(Guid id) => $"/runs/{id}/rerun";

    private static Task<IResult> StopAsync(string id, [AsParameters] RunActionRequest request) =>
        ActAsync(
            id,
            request,
            refuse: (testId, status) => TestStateMachine.IsTerminal(status) || status == LoadTestStatus.Stopping
                ? $"Run {testId} is already {EnumNames.Of(status)}: only a scheduled or running run can be stopped."
                : null,
            act: async (testId, logger, remote) =>
            {
                var stopped = await request.Actions.StopAsync(testId, StopReason, request.Context.RequestAborted);
                WebUiLog.TestStopped(logger, testId, remote, EnumNames.Of(stopped.Status));
                return testId;
            });

    private static Task<IResult> RerunAsync(string id, [AsParameters] RunActionRequest request) =>
        ActAsync(
            id,
            request,
            refuse: (testId, status) => TestStateMachine.IsTerminal(status)
                ? null
                : $"Run {testId} is still {EnumNames.Of(status)}: only a finished run can be re-run; stop it first or wait for it to end.",
            act: async (testId, logger, remote) =>
            {
                var created = await request.Actions.RerunAsync(testId, request.Context.RequestAborted);
                WebUiLog.TestRerun(logger, testId, remote, created.Id);
                return created.Id;
            });

    /// <summary>
    /// The frame of both buttons: find the run (400/404), let <paramref name="refuse"/> name a
    /// state the button does not apply to (409), act, and redirect to the page of the run that
    /// <paramref name="act"/> returns; the service's own refusals become their pages.
    /// </summary>
    private static async Task<IResult> ActAsync(
        string id,
        RunActionRequest request,
        Func<Guid, LoadTestStatus, string?> refuse,
        Func<Guid, ILogger, string?, Task<Guid>> act)
    {
        var (context, pages) = (request.Context, request.Pages);
        var (testId, status, refusal) = await FindAsync(id, context, request.Contexts, pages);
        if (refusal is not null)
        {
            return refusal;
        }

        if (refuse(testId, status) is { } why)
        {
            return pages.Error(context, StatusCodes.Status409Conflict, "Not possible now", $"{why} {RunActionErrors.NothingChanged}");
        }

        try
        {
            var logger = request.Loggers.CreateLogger(typeof(RunActionEndpoints));
            return Results.Redirect($"/runs/{await act(testId, logger, context.Connection.RemoteIpAddress?.ToString())}");
        }
        catch (RpcException exception)
        {
            return RunActionErrors.Page(pages, context, exception, RunActionErrors.NothingChanged);
        }
    }

    /// <summary>The run's id and state now, or the 400/404 page when the id is malformed or unknown.</summary>
    private static async Task<(Guid Id, LoadTestStatus Status, IResult? Refusal)> FindAsync(
        string id, HttpContext context, IDbContextFactory<PerfFleetDbContext> contexts, WebPageResults pages)
    {
        if (RunIds.Parse(id, out var testId) is { } problem)
        {
            return (testId, default, pages.BadRequest(context, [$"{problem} {RunActionErrors.NothingChanged}"]));
        }

        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var status = await db.LoadTests.AsNoTracking().Where(t => t.Id == testId).Select(t => (LoadTestStatus?)t.Status).FirstOrDefaultAsync(context.RequestAborted);
        return status is null
            ? (testId, default, pages.NotFound(context, $"There is no run with id {testId}. {RunActionErrors.NothingChanged}"))
            : (testId, status.Value, null);
    }
}
