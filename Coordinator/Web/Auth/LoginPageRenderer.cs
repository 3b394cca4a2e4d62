using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>The login form: one password field for an admin or read-only token.</summary>
internal static class LoginPageRenderer
{
    public static HtmlContent Render(string returnUrl, bool requireLogin, string? problem)
    {
        var note = requireLogin
            ? Markup.Of($"<p>This coordinator shows its pages to its users only. Log in with an admin token, or with a read-only token to read.</p>")
            : Markup.Of($"<p>Anyone can read the pages of this coordinator. Administrators log in to stop and re-run tests from the run pages.</p>");
        var error = problem is null ? HtmlContent.Empty : Markup.Of($"<p class=\"form-error\" role=\"alert\">{problem}</p>");
        return Markup.Of($"""
            {note}
            {error}
            <form method="post" action="/login" class="login">
            <input type="hidden" name="returnUrl" value="{returnUrl}">
            <label for="token">Admin or read-only token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required maxlength="512">
            <button type="submit">Log in</button>
            </form>
            """);
    }

    /// <summary>Only local paths: "/runs?x" yes, "//evil.example", "https://..." and "/\evil" no (open redirect).</summary>
    public static string SafeReturnUrl(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && candidate.Length <= 2048 && candidate[0] == '/'
            && (candidate.Length == 1 || (candidate[1] != '/' && candidate[1] != '\\'))
            ? candidate
            : "/runs";
}
