using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Web.Errors;

/// <summary>
/// Last line of defence for the pages: an unexpected failure (database down, a bug) is logged
/// with its exception and shown as a plain 500 page, so no stack trace ever reaches a browser.
/// </summary>
internal sealed class WebUiErrorFilter(WebPageResults pages, ILogger<WebUiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser went away: nobody to answer, nothing went wrong on our side.
            throw;
        }
        catch (Exception exception)
        {
            WebUiLog.PageFailed(logger, http.Request.Path, exception);
            return pages.Error(
                http,
                StatusCodes.Status500InternalServerError,
                "Something went wrong",
                "The page could not be built. The error was logged on the coordinator; try again in a moment.");
        }
    }
}
