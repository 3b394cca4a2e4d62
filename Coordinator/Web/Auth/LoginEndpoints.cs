using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>GET/POST /login and POST /logout: an admin or read-only token is exchanged for an HttpOnly session cookie.</summary>
internal static class LoginEndpoints
{
    private const int MaxTokenLength = 512;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext context, string? returnUrl, WebPageResults pages, IOptions<WebUiOptions> options) =>
            pages.Page(context, "Log in", LoginPageRenderer.Render(LoginPageRenderer.SafeReturnUrl(returnUrl), options.Value.RequireLogin, problem: null)));

        endpoints.MapPost("/login", LogInAsync);

        endpoints.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(WebSessionTokens.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
            return Results.Redirect("/login");
        });
    }

    private static async Task<IResult> LogInAsync(
        HttpContext context,
        WebPageResults pages,
        WebSessionTokens sessions,
        IOptions<WebUiOptions> options,
        ILoggerFactory loggerFactory)
    {
        if (!context.Request.HasFormContentType)
        {
            return pages.BadRequest(context, ["Send the login form (application/x-www-form-urlencoded) with a 'token' field."]);
        }

        // Read by hand rather than [FromForm]: the form carries no antiforgery token, and login
        // CSRF cannot hurt here because the cookie is SameSite=Strict, and the admin forms need a form token of their session besides.
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LoginPageRenderer.SafeReturnUrl(form["returnUrl"]);
        var token = form["token"].ToString();
        var logger = loggerFactory.CreateLogger(typeof(LoginEndpoints));
        var remote = context.Connection.RemoteIpAddress?.ToString();

        var role = token.Length > MaxTokenLength ? WebSessionRole.None : sessions.RoleOfToken(token);
        if (role == WebSessionRole.None)
        {
            WebUiLog.LoginRefused(logger, remote);
            var body = LoginPageRenderer.Render(returnUrl, options.Value.RequireLogin, "That token is not an admin token of this fleet, nor a read-only one.");
            return pages.Page(context, "Log in", body, statusCode: StatusCodes.Status401Unauthorized);
        }

        var (value, expires) = sessions.Issue(token, role);
        context.Response.Cookies.Append(WebSessionTokens.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = expires,
        });
        WebUiLog.LoginAccepted(logger, remote, role == WebSessionRole.Admin ? "admin" : "read-only");
        return Results.Redirect(returnUrl);
    }
}
