namespace PerfFleet.Coordinator.Web.Assets;

/// <summary>The UI's stylesheet, served from memory: no static-file middleware or build step needed.</summary>
internal static class SiteStylesheet
{
    public const string Source = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; background: #f6f7f9; }
        body { margin: 0; }
        header.top { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #1d2330; color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        header.top nav a { margin-right: 1rem; opacity: .85; }
        header.top nav a:hover { opacity: 1; text-decoration: underline; }
        .brand { font-weight: 700; font-size: 1.1rem; }
        .session { margin-left: auto; }
        .session button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 4px; cursor: pointer; }
        .session-role { color: #fffc; font-size: .85em; margin-right: .4em; }
        main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
        h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d8dce3; padding-bottom: .3rem; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
        table { border-collapse: collapse; background: #fff; width: 100%; margin: .5rem 0; font-size: .9rem; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
        th { background: #eef0f4; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.empty { color: #667; font-style: italic; text-align: center; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85rem; }
        pre { background: #fff; border: 1px solid #e4e7ec; padding: .6rem; overflow-x: auto; }
        small { color: #667; }
        .badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; background: #e4e7ec; color: #333; white-space: nowrap; }
        .status-completed { background: #dcefe1; color: #1b5e20; }
        .status-running, .status-collecting, .status-assigned { background: #dbe9fb; color: #0d47a1; }
        .status-scheduled { background: #eee; color: #444; }
        .status-failed { background: #fbdcdc; color: #b71c1c; }
        .status-stopping, .status-stopped { background: #fff1cc; color: #7a5200; }
        .verdict-regression { background: #c62828; color: #fff; }
        .verdict-improvement { background: #2e7d32; color: #fff; }
        .verdict-unchanged { background: #e4e7ec; color: #333; }
        .verdict-no_baseline { background: #fff1cc; color: #7a5200; }
        .verdict-error { background: #6d1b1b; color: #fff; }
        .verdict-inconclusive { background: #ede7f6; color: #4527a0; }
        tr.verdict-row-regression td { background: #fdecec; }
        tr.verdict-row-improvement td { background: #eaf6ec; }
        form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: #fff; padding: .7rem; border: 1px solid #e4e7ec; }
        form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: #445; }
        form.login { display: flex; flex-direction: column; gap: .4rem; max-width: 22rem; }
        form.compare-with { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
        form.compare-with input[name=against] { width: 24rem; max-width: 100%; font-family: monospace; }
        .form-error { color: #b71c1c; font-weight: 600; }
        .bucket-warning, .generator-behind { background: #fff8e1; color: #6d4c00; padding: .4rem .6rem; border-left: 3px solid #f9a825; }
        .summary { color: #556; }
        nav.paging a { margin-right: 1rem; }
        dl.inputs { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff; padding: .7rem; border: 1px solid #e4e7ec; }
        dl.inputs dt { font-weight: 600; color: #445; }
        dl.inputs dd { margin: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 1rem; }
        .card { background: #fff; border: 1px solid #e4e7ec; padding: .6rem .9rem; min-width: 9rem; }
        .card .value { font-size: 1.3rem; font-weight: 600; }
        svg.chart { width: 100%; max-width: 760px; background: #fff; border: 1px solid #e4e7ec; }
        svg.chart .axis { stroke: #667; stroke-width: 1; }
        svg.chart .grid { stroke: #e4e7ec; stroke-width: 1; }
        svg.chart text { font-size: 11px; fill: #445; }
        svg.chart .legend text { font-size: 12px; }
        .no-data { color: #667; font-style: italic; }
        .error-page .error-code { font-weight: 700; color: #b71c1c; }
        .stale { color: #b71c1c; font-weight: 600; }
        .leader { background: #fff; border: 1px solid #e4e7ec; padding: .6rem .9rem; }
        .choices a { margin-right: .8rem; }
        section.actions { display: flex; gap: .6rem; margin: .3rem 0 .8rem; }
        form.action button { padding: .35rem 1rem; border-radius: 4px; border: 1px solid #1d2330; background: #fff; cursor: pointer; font-weight: 600; }
        form.action button.action-stop { border-color: #b71c1c; color: #b71c1c; }
        form.action button:hover { background: #eef0f4; }
        .actions-login { color: #556; }
        table.resources td:first-child { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
        """;
}
