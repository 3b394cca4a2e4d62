namespace PerfFleet.Coordinator.Web.Assets;

/// <summary>
/// The only script of the UI (about 20 lines, no framework): while a shown test is not in a
/// terminal state, poll its status every few seconds and reload the page when it changed, so
/// the server stays the only renderer. Pages without moving tests do not include it.
/// </summary>
internal static class LiveUpdateScript
{
    public const string Source = """
        "use strict";
        (function () {
          const terminal = new Set(["completed", "stopped", "failed"]);
          const rows = Array.from(document.querySelectorAll("[data-run-id][data-status]"));
          const moving = rows.filter(r => !terminal.has(r.dataset.status));
          if (moving.length === 0) { return; }
          const shown = new Map(rows.map(r => [r.dataset.runId, r.dataset.status]));
          const url = "/ui/runs/status?ids=" + encodeURIComponent(moving.map(r => r.dataset.runId).join(","));
          async function poll() {
            try {
              const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
              if (response.ok) {
                const runs = await response.json();
                if (runs.some(run => shown.get(run.id) !== run.status)) { location.reload(); return; }
              }
            } catch (e) {
              // The coordinator may be restarting: try again at the next tick.
            }
            setTimeout(poll, 3000);
          }
          setTimeout(poll, 3000);
        })();
        """;
}
