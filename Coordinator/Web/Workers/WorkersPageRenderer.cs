using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Workers;

/// <summary>The workers page: leader, then one row per worker with quota used / capacity and its tests.</summary>
internal static class WorkersPageRenderer
{
    public static HtmlContent Render(WorkersPageModel model)
    {
        var leader = model.Leadership?.LeaderAddress is null
            ? Markup.Of($"<p class=\"leader\">No coordinator leads at the moment.</p>")
            : Markup.Of($"<p class=\"leader\">Leader: <strong class=\"leader-address\">{model.Leadership.LeaderAddress}</strong> · epoch {model.Leadership.Epoch} · since {DisplayText.Timestamp(model.Leadership.Since)} <small>({DisplayText.Ago(model.Leadership.Since, model.Now)})</small></p>");
        var rows = model.Workers.Count == 0
            ? [Markup.Of($"<tr><td colspan=\"7\" class=\"empty\">No worker has sent a heartbeat yet.</td></tr>")]
            : model.Workers.Select(w => Row(w, model.Now)).ToList();
        return Markup.Of($"""
            {leader}
            <table class="workers">
            <thead><tr><th>Worker</th><th>Address</th><th class="num">Tests</th><th class="num">Request rate</th><th class="num">Cores</th><th>Last heartbeat</th><th>Running tests</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    private static HtmlContent Row(WorkerRow row, DateTimeOffset now)
    {
        var w = row.Worker;
        var heartbeat = row.IsStale
            ? Markup.Of($"<span class=\"stale\" title=\"{DisplayText.Timestamp(w.LastHeartbeatAt)}\">{DisplayText.Ago(w.LastHeartbeatAt, now)} (stale)</span>")
            : Markup.Of($"<span title=\"{DisplayText.Timestamp(w.LastHeartbeatAt)}\">{DisplayText.Ago(w.LastHeartbeatAt, now)}</span>");
        var tests = row.Tests.Count == 0
            ? [Markup.Text("—")]
            : row.Tests.Select(t => Markup.Of($"<div><a href=\"/runs/{t.Id}\">{DisplayText.ShortId(t.Id)}</a> {t.Repository ?? "(ad hoc)"} <code>{DisplayText.ShortSha(t.Commit)}</code> {EnumNames.StatusBadge(t.Status)}</div>")).ToList();
        return Markup.Of($"""
            <tr id="worker-{w.Id}" data-worker="{w.Id}">
            <td>{w.Id}</td>
            <td><code>{w.Address}</code></td>
            <td class="num">{w.UsedConcurrentTests} / {w.CapacityConcurrentTests}</td>
            <td class="num">{DisplayText.Number(w.UsedRequestRate)} / {DisplayText.Number(w.CapacityRequestRate)}</td>
            <td class="num">{DisplayText.Number(w.UsedCores)} / {DisplayText.Number(w.CapacityCores)}</td>
            <td>{heartbeat}</td>
            <td>{tests}</td>
            </tr>
            """);
    }
}
