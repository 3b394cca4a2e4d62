using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>What both admin buttons' handlers are given besides the run id (bound with [AsParameters]).</summary>
internal sealed record RunActionRequest(
    HttpContext Context,
    [FromServices] LoadTestActions Actions,
    [FromServices] IDbContextFactory<PerfFleetDbContext> Contexts,
    [FromServices] WebPageResults Pages,
    [FromServices] ILoggerFactory Loggers);
