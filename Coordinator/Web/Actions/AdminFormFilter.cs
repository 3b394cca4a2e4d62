using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Web.Auth;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>
/// Guards every admin form post, whatever PerfFleet:Web:RequireLogin says (reading may be open,
/// changing never is): a valid session (401 otherwise) opened with an admin token (403 for a
/// read-only one), a same-origin request and the session's
/// form token (403 otherwise), a small url-encoded form (400/413 otherwise). A refused post
/// never reaches the action, so it changes nothing.
/// </summary>
internal sealed class AdminFormFilter(WebSessionTokens sessions, WebPageResults pages, ILogger<AdminFormFilter> logger) : IEndpointFilter
{
    /// <summary>The forms carry one token and nothing else: anything bigger is not ours.</summary>
    public const int MaxFormBytes = 4096;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var session = http.Request.Cookies[WebSessionTokens.CookieName];
        var role = sessions.RoleOf(http);
        if (session is null || role == WebSessionRole.None)
        {
            WebUiLog.AdminFormRefused(logger, http.Request.Path, "no valid session", remote);
            return pages.Error(http, StatusCodes.Status401Unauthorized, "Log in first", "Stopping or re-running a test needs an administrator: log in with an admin token, then use the buttons on the run page. Nothing was changed.");
        }

        if (role != WebSessionRole.Admin)
        {
            WebUiLog.AdminFormRefused(logger, http.Request.Path, "read-only session", remote);
            return pages.Error(http, StatusCodes.Status403Forbidden, "Read-only session", "This session was opened with a read-only token: stopping or re-running a test needs an admin token. Log out, log in with an admin token, and use the buttons on the run page. Nothing was changed.");
        }

        if (!SessionFormTokens.IsSameOrigin(http.Request))
        {
            WebUiLog.AdminFormRefused(logger, http.Request.Path, "cross-origin", remote);
            return pages.Error(http, StatusCodes.Status403Forbidden, "Refused", "This form was sent from another site. Use the buttons on the run page. Nothing was changed.");
        }

        if (!http.Request.HasFormContentType || http.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return pages.BadRequest(http, ["Send the run page's form (application/x-www-form-urlencoded). Nothing was changed."]);
        }

        if (http.Request.ContentLength > MaxFormBytes)
        {
            return pages.Error(http, StatusCodes.Status413PayloadTooLarge, "Too large", $"The form is {http.Request.ContentLength} bytes; at most {MaxFormBytes} are accepted. Nothing was changed.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // A chunked body has no Content-Length to check up front: the server cuts it off instead.
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException exception)
        {
            return pages.Error(http, exception.StatusCode, "Bad request", $"The form could not be read ({exception.Message}). Nothing was changed.");
        }

        if (form[SessionFormTokens.FieldName].Count != 1 || !SessionFormTokens.Matches(session, form[SessionFormTokens.FieldName].ToString()))
        {
            WebUiLog.AdminFormRefused(logger, http.Request.Path, "missing or foreign form token", remote);
            return pages.Error(http, StatusCodes.Status403Forbidden, "Refused", "The form's token is missing or belongs to another session. Reload the run page and try again. Nothing was changed.");
        }

        return await next(context);
    }
}
