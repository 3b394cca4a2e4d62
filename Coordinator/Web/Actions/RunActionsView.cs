using Microsoft.AspNetCore.Http;
using PerfFleet.Coordinator.Web.Auth;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>
/// What the run page may offer the visitor: <see cref="FormToken"/> is set for a logged-in
/// administrator (the buttons carry it); <see cref="LoginAvailable"/> says whether logging in as
/// an administrator is possible at all (admin tokens configured), so a read-only fleet shows no
/// dead "log in" link; <see cref="ReadOnlySession"/> is a login with a read-only token.
/// </summary>
internal sealed record RunActionsView(bool LoginAvailable, string? FormToken, bool ReadOnlySession)
{
    public static RunActionsView For(HttpContext context, WebSessionTokens sessions, WebUiOptions options)
    {
        var role = sessions.RoleOf(context);
        var token = role == WebSessionRole.Admin ? SessionFormTokens.For(context.Request.Cookies[WebSessionTokens.CookieName]!) : null;
        return new RunActionsView(options.AdminTokens.Count > 0, token, role == WebSessionRole.Reader);
    }
}
