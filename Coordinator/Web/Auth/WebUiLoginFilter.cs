using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>
/// With <see cref="WebUiOptions.RequireLogin"/>, sends a visitor without a valid session to the
/// login form (pages) or answers 401 (the JSON the live-update script polls).
/// </summary>
internal sealed class WebUiLoginFilter(IOptions<WebUiOptions> options, WebSessionTokens sessions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!options.Value.RequireLogin || sessions.RoleOf(http) != WebSessionRole.None)
        {
            return await next(context);
        }

        if (http.Request.Path.StartsWithSegments("/ui", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Log in with an admin or read-only token first.");
        }

        var returnUrl = http.Request.Path + http.Request.QueryString;
        return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }
}
