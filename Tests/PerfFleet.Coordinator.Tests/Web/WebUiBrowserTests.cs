using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>The pages in a real Chromium against real data in PostgreSQL; each test leaves a screenshot.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiBrowserTests(WebUiFixture fixture) : IAsyncLifetime
{
    private BrowserTab? tab;

    private BrowserTab Tab => tab ?? throw new InvalidOperationException("not initialized");

    private IPage Page => Tab.Page;

    public async Task InitializeAsync() => tab = await BrowserTab.OpenAsync(fixture.Browser, fixture.ReadOnlyAddress);

    public async Task DisposeAsync()
    {
        if (tab is not null)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunsPage_WithCompletedRuns_ListsBaselineAndTestNewestFirstWithVerdict()
    {
        await Tab.GoAsync("/runs");

        var ids = await Page.Locator("table.runs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)");
        Assert.Contains(fixture.Data.BaselineId.ToString(), ids);
        Assert.Contains(fixture.Data.TestId.ToString(), ids);
        Assert.True(Array.IndexOf(ids, fixture.Data.TestId.ToString()) < Array.IndexOf(ids, fixture.Data.BaselineId.ToString()), "the newer test run comes first");

        var testRow = Page.Locator($"tr[data-run-id='{fixture.Data.TestId}']");
        Assert.Equal("regression", (await testRow.Locator(".verdict .badge").InnerTextAsync()).Trim());
        Assert.Equal("rgb(198, 40, 40)", await testRow.Locator(".verdict .badge").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("completed", (await testRow.Locator(".state .badge").InnerTextAsync()).Trim());
        Assert.Contains("#42", await testRow.InnerTextAsync());
        await Tab.ScreenshotAsync("runs");
    }

    [Fact]
    public async Task RunsPage_WhileATestRuns_ReloadsWhenItsStateChanges()
    {
        var id = fixture.Data.RunningId;
        await Tab.GoAsync("/runs");
        Assert.Equal(1, await Page.Locator("script[src='/ui/live.js']").CountAsync());

        await SetStatusAsync(id, LoadTestStatus.Collecting);
        try
        {
            await Page.Locator($"tr[data-run-id='{id}'][data-status=collecting]").WaitForAsync();
        }
        finally
        {
            await SetStatusAsync(id, LoadTestStatus.Running);
        }
    }

    [Fact]
    public async Task RunsPage_WithOnlyFinishedRunsShown_HasNoPoller()
    {
        await Tab.GoAsync("/runs?status=completed");

        Assert.Equal(0, await Page.Locator("script[src='/ui/live.js']").CountAsync());
    }

    [Fact]
    public async Task RunsPage_FilterFormByKindAndRepository_ShowsOnlyMatchingRuns()
    {
        await Tab.GoAsync("/runs");
        await Page.Locator("form.filters input[name=repository]").FillAsync("acme/shop");
        await Page.Locator("form.filters select[name=kind]").SelectOptionAsync("baseline");
        await Page.Locator("form.filters button[type=submit]").ClickAsync();
        await Tab.WaitForPageAsync(url => url.Contains("kind=baseline", StringComparison.Ordinal), "table.runs");

        var ids = await Page.Locator("table.runs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)");
        Assert.Equal(new[] { fixture.Data.BaselineId.ToString(), fixture.Data.OldBaselineId.ToString() }, ids);
        Assert.Equal("baseline", await Page.Locator("select[name=kind]").InputValueAsync());
        await Tab.ScreenshotAsync("runs-filtered");
    }

    [Fact]
    public async Task RunsPage_FilterByCommitPrefixAndStatus_ShowsOnlyThatRun()
    {
        await Tab.GoAsync("/runs?commit=B0B1&status=completed");

        var ids = await Page.Locator("table.runs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)");
        Assert.Equal(new[] { fixture.Data.TestId.ToString() }, ids);
    }

    [Fact]
    public async Task RunPage_OfRegressedTest_ShowsComparisonVerdictChartsAndGitHubLinks()
    {
        await Tab.GoAsync($"/runs/{fixture.Data.TestId}");

        var p99Row = Page.Locator("table.comparison tr[data-metric=p99_latency_ms]");
        Assert.Equal("regression", (await p99Row.Locator(".badge").InnerTextAsync()).Trim());
        Assert.Contains("+34.7 %", await p99Row.InnerTextAsync());
        Assert.Equal("unchanged", (await Page.Locator("table.comparison tr[data-metric=throughput_rps] .badge").InnerTextAsync()).Trim());

        var chart = Page.Locator("section.query[data-query=p99_latency_ms] svg.chart");
        Assert.Equal(2, await chart.Locator("polyline.series-line").CountAsync());
        var legend = await chart.Locator(".legend").TextContentAsync();
        Assert.Contains("this run", legend);
        Assert.Contains("baseline", legend);
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 100 }, "the chart is drawn at a readable size");

        Assert.Equal($"https://github.com/acme/shop/commit/{fixture.Data.TestCommit}", await Page.Locator("a.commit-link").GetAttributeAsync("href"));
        Assert.Equal("https://github.com/acme/shop/pull/42", await Page.Locator("a.pr-link").GetAttributeAsync("href"));
        Assert.Contains("498.7", await Page.Locator(".load-cards").InnerTextAsync());
        Assert.Equal(5, await Page.Locator("table.timeline tbody tr").CountAsync());
        Assert.Contains("503", await Page.Locator("table.counts").First.InnerTextAsync());
        Assert.Contains("No CPU or memory samples were recorded for this run", await Page.Locator(".resources-none").InnerTextAsync());
        Assert.Equal($"/runs/{fixture.Data.BaselineId}", await Page.Locator("table.comparison").Locator("xpath=preceding-sibling::p[1]/a").GetAttributeAsync("href"));

        // No admin tokens on this coordinator: nobody can log in, so neither buttons nor a login link.
        Assert.Equal(0, await Page.Locator("section.actions, .actions-login, header .session").CountAsync());
        await Tab.ScreenshotAsync("run");
    }

    [Fact]
    public async Task HistoryPage_ForRepositoryAndScenario_PlotsBaselinePointsAndMarksTheRegression()
    {
        await Tab.GoAsync("/history?repo=acme/shop&scenario=api");

        var chart = Page.Locator("section.history-chart[data-query=p99_latency_ms] svg.chart");
        var baselinePoints = chart.Locator("g.series[data-series='baseline median'] circle");
        Assert.Equal(2, await baselinePoints.CountAsync());
        Assert.Equal(1, await chart.Locator("g.series[data-series='baseline median'] polyline").CountAsync());
        var titles = await baselinePoints.Locator("title").AllTextContentsAsync();
        Assert.Contains(titles, t => t.Contains(fixture.Data.BaselineCommit[..10], StringComparison.Ordinal));

        var regression = chart.Locator("circle.marker-regression");
        Assert.Equal(1, await regression.CountAsync());
        Assert.Contains(fixture.Data.TestCommit[..10], await regression.Locator("title").TextContentAsync());

        // throughput_rps did not regress: no red marker there.
        Assert.Equal(0, await Page.Locator("section.history-chart[data-query=throughput_rps] circle.marker-regression").CountAsync());
        await Tab.ScreenshotAsync("history");
    }

    [Fact]
    public async Task WorkersPage_WithTwoWorkers_ShowsQuotaHeartbeatAgeRunningTestAndLeader()
    {
        await Tab.GoAsync("/workers");

        Assert.Equal(WebUiSeedData.LeaderAddress, await Page.Locator(".leader-address").InnerTextAsync());
        var first = Page.Locator("tr[data-worker=worker-1]");
        Assert.Contains("1 / 4", await first.InnerTextAsync());
        Assert.Contains("5 s ago", await first.InnerTextAsync());
        Assert.Equal(1, await first.Locator($"a[href='/runs/{fixture.Data.RunningId}']").CountAsync());
        Assert.Contains("stale", await Page.Locator("tr[data-worker=worker-2] .stale").InnerTextAsync());
        await Tab.ScreenshotAsync("workers");
    }

    [Fact]
    public async Task ErrorPages_ForMalformedAndUnknownIds_AreReadable()
    {
        var bad = await Tab.GoAsync("/runs/not-a-guid", expectedStatus: 400);
        Assert.Equal("Bad request", await Page.Locator("h1").InnerTextAsync());
        Assert.Contains("is not a run id", await Page.Locator(".problems").InnerTextAsync());
        Assert.True(bad.Ok is false);
        await Tab.ScreenshotAsync("error-400");

        await Tab.GoAsync($"/runs/{Guid.NewGuid()}", expectedStatus: 404);
        Assert.Equal("Not found", await Page.Locator("h1").InnerTextAsync());
        await Tab.ScreenshotAsync("error-404");
    }

    [Fact]
    public async Task RunPage_WithHostileStoredTexts_ShowsThemAsTextAndRunsNoScript()
    {
        await Tab.GoAsync($"/runs/{fixture.Data.HostileId}");

        Assert.Null(await Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, await Page.Locator("main img").CountAsync());
        Assert.Equal(WebUiSeedData.Hostile, await Page.Locator("pre.spec").InnerTextAsync());
    }

    [Fact]
    public async Task LoginRequired_VisitWithoutSession_LogsInByTokenAndReturnsToThePage()
    {
        var response = await Page.GotoAsync(new Uri(fixture.LoginAddress, "/workers").ToString());
        Assert.NotNull(response);
        Assert.Contains("/login", Page.Url, StringComparison.Ordinal);

        await Page.Locator("#token").FillAsync(WebUiFixture.AdminToken);
        await Page.Locator("form.login button[type=submit]").ClickAsync();
        await Tab.WaitForPageAsync(url => url.EndsWith("/workers", StringComparison.Ordinal), "h1");
        Assert.Equal("Workers", await Page.Locator("h1").InnerTextAsync());

        var cookie = Assert.Single(await Tab.Context.CookiesAsync(), c => c.Name == "perffleet_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    private async Task SetStatusAsync(Guid id, LoadTestStatus status)
    {
        await using var db = fixture.CreateDbContext();
        await db.LoadTests.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status));
    }
}
