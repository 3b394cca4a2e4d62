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
            return view.LoginAvailable
                ? Markup.Of($"<p class=\"actions-login\"><a href=\"/login?returnUrl={Uri.EscapeDataString("/runs/" + test.Id)}\">Log in</a> as an administrator to stop or re-run this run.</p>")
                : HtmlContent.Empty;
        }

        var button = EnumNames.IsTerminal(test.Status)
            ? Form(RunActionEndpoints.RerunUrl(test.Id), token, "rerun", "Re-run", "Schedule a new run with the same inputs")
            : test.Status == LoadTestStatus.Stopping
                ? Markup.Of($"<p class=\"no-data\">Stopping: the worker tears the stack down.</p>")
                : Form(RunActionEndpoints.StopUrl(test.Id), token, "stop", "Stop", "Stop this run; its worker tears the stack down");
        return Markup.Of($"<section class=\"actions\" aria-label=\"Administrator actions\">{button}</section>");
    }

    private static HtmlContent Form(string action, string token, string name, string label, string title) => Markup.Of($"""
        <form method="post" action="{action}" class="action">
        <input type="hidden" name="{SessionFormTokens.FieldName}" value="{token}">
        <button type="submit" class="action-{name}" data-action="{name}" title="{title}">{label}</button>
        </form>
        """);
}
