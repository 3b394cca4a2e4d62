using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// The newest baselines under the charts, each with a Pin or Unpin button for a logged-in
/// administrator (plain forms carrying the session's form token, like the run page's buttons).
/// </summary>
internal static class HistoryPinRenderer
{
    public static HtmlContent Render(IReadOnlyList<HistoryBaseline> baselines, RunActionsView? actions)
    {
        if (baselines.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var token = actions?.FormToken;
        var rows = baselines.Select(b => Markup.Of($"""
            <tr class="baseline{(b.Pinned ? " pinned" : "")}" data-test="{b.TestId}"><td><a href="/runs/{b.TestId}">{DisplayText.ShortId(b.TestId)}</a></td><td><code>{DisplayText.ShortSha(b.Commit)}</code></td><td>{DisplayText.Timestamp(b.FinishedAt)}</td><td>{(b.Pinned ? "pinned" : "")}</td><td>{(token is null ? HtmlContent.Empty : Button(b, token))}</td></tr>
            """)).ToList();
        var hint = token is not null || actions is null || !actions.LoginAvailable ? HtmlContent.Empty
            : actions.ReadOnlySession ? Markup.Of($"<p class=\"actions-login\">You are logged in with a read-only token: pinning a baseline needs an admin token.</p>")
            : Markup.Of($"<p class=\"actions-login\"><a href=\"/login\">Log in</a> as an administrator to pin a baseline.</p>");
        return Markup.Of($"""
            <section class="baselines" aria-label="Baselines">
            <h2>Newest baselines</h2>
            <p>A pinned baseline is the one runs are compared with, whatever is newer.</p>
            {hint}
            <table class="history-baselines">
            <thead><tr><th>Run</th><th>Commit</th><th>Finished</th><th>Pin</th><th></th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            </section>
            """);
    }

    private static HtmlContent Button(HistoryBaseline baseline, string token)
    {
        var (action, name, label, confirm) = baseline.Pinned
            ? (HistoryPinEndpoints.UnpinUrl(baseline.TestId), "unpin", "Unpin", $"Unpin baseline {baseline.TestId}? Runs are compared with the newest baseline again.")
            : (HistoryPinEndpoints.PinUrl(baseline.TestId), "pin", "Pin", $"Pin baseline {baseline.TestId}? Runs are compared with it, whatever is newer, and any other pinned baseline of this scenario is unpinned.");

        // The question sits in a data attribute, encoded like any text; the handler itself is a constant.
        return Markup.Of($"""
            <form method="post" action="{action}" class="action" data-confirm="{confirm}" onsubmit="return confirm(this.dataset.confirm)">
            <input type="hidden" name="{SessionFormTokens.FieldName}" value="{token}">
            <button type="submit" class="action-{name}" data-action="{name}">{label}</button>
            </form>
            """);
    }
}
