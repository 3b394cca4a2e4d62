using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>
/// The run page's admin buttons: Stop while the run can still be stopped, Re-run once it
/// finished. Plain forms (no script): each posts the session's form token.
/// </summary>
internal static class RunActionsRenderer
{
    public static HtmlContent Render(LoadTestEntity test, RunActionsView view)
    {
        if (view.FormToken is not { } token)
        {
            return !view.LoginAvailable ? HtmlContent.Empty
                : view.ReadOnlySession ? Markup.Of($"<p class=\"actions-login\">You are logged in with a read-only token. Log out and log in with an admin token to stop or re-run this run.</p>")
                : Markup.Of($"<p class=\"actions-login\"><a href=\"/login?returnUrl={Uri.EscapeDataString("/runs/" + test.Id)}\">Log in</a> as an administrator to stop or re-run this run.</p>");
        }

        var button = TestStateMachine.IsTerminal(test.Status)
            ? Form(RunActionEndpoints.RerunUrl(test.Id), token, "rerun", "Re-run", "Schedule a new run with the same inputs", confirm: null)
            : test.Status == LoadTestStatus.Stopping
                ? Markup.Of($"<p class=\"no-data\">Stopping: the worker tears the stack down.</p>")
                : Form(RunActionEndpoints.StopUrl(test.Id), token, "stop", "Stop", "Stop this run; its worker tears the stack down",
                    confirm: $"Stop run {test.Id}? Its load ends now, its worker tears the stack down, and it cannot be resumed (only re-run).");
        return Markup.Of($"<section class=\"actions\" aria-label=\"Administrator actions\">{button}</section>");
    }

    /// <summary>
    /// One button's form. <paramref name="confirm"/> is asked in a dialog before the form is sent
    /// (a stop cannot be undone); null sends at once.
    /// </summary>
    private static HtmlContent Form(string action, string token, string name, string label, string title, string? confirm)
    {
        // The question sits in a data attribute, encoded like any text; the handler itself is a constant.
        var ask = confirm is null ? HtmlContent.Empty : Markup.Of($" data-confirm=\"{confirm}\" onsubmit=\"return confirm(this.dataset.confirm)\"");
        return Markup.Of($"""
            <form method="post" action="{action}" class="action"{ask}>
            <input type="hidden" name="{SessionFormTokens.FieldName}" value="{token}">
            <button type="submit" class="action-{name}" data-action="{name}" title="{title}">{label}</button>
            </form>
            """);
    }
}
