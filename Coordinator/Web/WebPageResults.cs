using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Errors;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web;

/// <summary>Turns a rendered body into an HTTP response inside the page frame.</summary>
internal sealed class WebPageResults(IOptions<WebUiOptions> options, WebSessionTokens sessions)
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public IResult Page(HttpContext context, string title, HtmlContent body, bool liveUpdates = false, int statusCode = StatusCodes.Status200OK)
    {
        var role = sessions.RoleOf(context);
        var chrome = new PageChrome(
            ShowSession: options.Value.RequireLogin || options.Value.AdminTokens.Count > 0 || options.Value.ReadOnlyTokens.Count > 0,
            LoggedIn: role != WebSessionRole.None,
            LiveUpdates: liveUpdates,
            ReadOnlySession: role == WebSessionRole.Reader);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(PageLayout.Render(title, body, chrome), HtmlContentType, statusCode: statusCode);
    }

    public IResult Error(HttpContext context, int statusCode, string title, params IReadOnlyList<string> problems) =>
        Page(context, title, ErrorPageRenderer.Render(statusCode, problems), statusCode: statusCode);

    public IResult BadRequest(HttpContext context, IReadOnlyList<string> problems) =>
        Error(context, StatusCodes.Status400BadRequest, "Bad request", problems);

    public IResult NotFound(HttpContext context, string what) =>
        Error(context, StatusCodes.Status404NotFound, "Not found", what);
}
