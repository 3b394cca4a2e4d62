using Microsoft.Playwright;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Web.Support;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// The run page of a whole coordinator in Chromium: the resource charts of results reported
/// through Fleet.ReportResults, and the Stop and Re-run buttons of a logged-in administrator.
/// Each test leaves a screenshot.
/// </summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiAdminBrowserTests(WebUiFixture fixture) : IAsyncLifetime
{
    private BrowserTab? tab;

    private BrowserTab Tab => tab ?? throw new InvalidOperationException("not initialized");

    private IPage Page => Tab.Page;

    public async Task InitializeAsync() => tab = await BrowserTab.OpenAsync(fixture.Browser, fixture.Coordinator.WebUrl);

    public async Task DisposeAsync()
    {
        if (tab is not null)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunPage_WithReportedResources_PlotsCpuAndMemoryPerContainerBesideTheBaseline()
    {
        var repository = Specs.NewRepository();
        await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Baseline, [CoordinatorRuns.Container("sut", cores: 1.0, mebibytes: 200), CoordinatorRuns.Container("prometheus", cores: 0.2, mebibytes: 90)]);
        var id = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [CoordinatorRuns.Container("sut", cores: 1.5, mebibytes: 260), CoordinatorRuns.Container("prometheus", cores: 0.2, mebibytes: 90)]);

        await Tab.GoAsync($"/runs/{id}");

        var cpu = Page.Locator("section.resource[data-resource=cpu] svg.chart");
        Assert.Equal(2, await cpu.Locator("polyline.series-line").CountAsync());
        Assert.Equal(["sut", "prometheus"], await cpu.Locator("g.series").EvaluateAllAsync<string[]>("groups => groups.map(g => g.dataset.series)"));
        var memory = Page.Locator("section.resource[data-resource=memory] svg.chart");
        Assert.Equal(2, await memory.Locator("polyline.series-line").CountAsync());
        Assert.Contains("MiB", await memory.Locator(".axis-label").TextContentAsync());
        var box = await cpu.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 100 }, "the CPU chart is drawn at a readable size");

        var sutCpu = Page.Locator("table.resources tr[data-container=sut][data-resource=cpu]");
        Assert.Equal("19", (await sutCpu.Locator("td").Nth(4).InnerTextAsync()).Trim()); // 20 readings give 19 CPU rates
        Assert.Equal("+49.2 %", await sutCpu.Locator("td").Nth(6).InnerTextAsync()); // the comparison's estimate (medians 1.52 against 1.02 cores)
        var sutMemory = Page.Locator("table.resources tr[data-container=sut][data-resource=memory]");
        Assert.Equal("201 MiB", await sutMemory.Locator("td").Nth(5).InnerTextAsync());
        Assert.Equal(0, await Page.Locator(".resources-none").CountAsync());
        await Tab.ScreenshotAsync("run-resources");
    }

    [Fact]
    public async Task RunPage_Compared_PutsVerdictAndComparisonAboveTheChartsLinkedToThemWithOneMedianPerMetric()
    {
        var repository = Specs.NewRepository();
        await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Baseline, [CoordinatorRuns.Container("sut", cores: 1.0, mebibytes: 200)], level: 50);
        var id = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [CoordinatorRuns.Container("sut", cores: 1.5, mebibytes: 260)], level: 80);

        await Tab.GoAsync($"/runs/{id}");

        var comparison = await Page.Locator("table.comparison").BoundingBoxAsync();
        var firstChart = await Page.Locator("svg.chart").First.BoundingBoxAsync();
        var inputs = await Page.Locator("dl.inputs").BoundingBoxAsync();
        Assert.True(comparison!.Y < firstChart!.Y && comparison.Y < inputs!.Y, "the comparison comes before the charts and the inputs");
        var summary = Page.Locator("ul.verdict-summary");
        Assert.True(await summary.BoundingBoxAsync() is { } box && box.Y < comparison.Y, "the verdict summary comes first");
        Assert.Equal("#query-p99_latency_ms", await summary.Locator("a", new() { HasTextString = "p99_latency_ms" }).GetAttributeAsync("href"));

        // Each metric of the comparison links to its chart, and the link leads there.
        var queryLink = Page.Locator("table.comparison tr[data-metric=p99_latency_ms] a.chart-link");
        await queryLink.ClickAsync();
        Assert.EndsWith("#query-p99_latency_ms", Page.Url, StringComparison.Ordinal);
        Assert.Equal("p99_latency_ms", await Page.Locator("#query-p99_latency_ms").GetAttributeAsync("data-query"));
        Assert.Equal("#resources", await Page.Locator("table.comparison tr[data-metric='sut.cpu_cores'] a.chart-link").GetAttributeAsync("href"));
        Assert.Equal(1, await Page.Locator("#resources").CountAsync());

        // The resource table shows the comparison's medians and change, not numbers of its own.
        foreach (var (metric, resource) in new[] { ("sut.cpu_cores", "cpu"), ("sut.memory_mib", "memory") })
        {
            var judged = Page.Locator($"table.comparison tr[data-metric='{metric}'] td");
            var shown = Page.Locator($"table.resources tr[data-container=sut][data-resource={resource}] td");
            Assert.StartsWith((await judged.Nth(2).InnerTextAsync()).Trim() + " ", await shown.Nth(2).InnerTextAsync(), StringComparison.Ordinal);
            Assert.StartsWith((await judged.Nth(1).InnerTextAsync()).Trim() + " ", await shown.Nth(5).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal((await judged.Nth(3).InnerTextAsync()).Trim(), (await shown.Nth(6).InnerTextAsync()).Trim());
        }

        await Tab.ScreenshotAsync("run-comparison-first");
    }

    [Fact]
    public async Task RunPage_WithResultsButNoResourceSamples_SaysSoPlainly()
    {
        var id = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);

        await Tab.GoAsync($"/runs/{id}");

        Assert.Contains("No CPU or memory samples were recorded for this run", await Page.Locator(".resources-none").InnerTextAsync());
        Assert.Equal(0, await Page.Locator("section.resource svg").CountAsync());
    }

    [Fact]
    public async Task RunPage_Anonymous_OffersLoginInsteadOfButtons()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);

        await Tab.GoAsync($"/runs/{id}");

        Assert.Equal(0, await Page.Locator("section.actions button").CountAsync());
        Assert.Equal($"/login?returnUrl=%2Fruns%2F{id}", await Page.Locator(".actions-login a").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task StopButton_OnAssignedRun_StopsItThroughTheLoginAndShowsStopping()
    {
        var (id, workerId) = await CoordinatorRuns.AssignedAsync(fixture);
        await Tab.GoAsync($"/runs/{id}");
        await Page.Locator(".actions-login a").ClickAsync();
        await Page.Locator("#token").FillAsync(CoordinatorTestHost.AdminToken);
        await Page.Locator("form.login button[type=submit]").ClickAsync();
        await Tab.WaitForPageAsync(url => url.EndsWith($"/runs/{id}", StringComparison.Ordinal), "button[data-action=stop]");
        Assert.Equal(0, await Page.Locator("button[data-action=rerun]").CountAsync());
        Assert.Equal($"/workers#worker-{workerId}", await Page.Locator("a.worker-link").GetAttributeAsync("href"));

        string? asked = null;
        Page.Dialog += (_, dialog) =>
        {
            asked = dialog.Message;
            _ = dialog.AcceptAsync();
        };

        await Page.Locator("button[data-action=stop]").ClickAsync();

        await Page.Locator(".headline[data-status=stopping]").WaitForAsync();
        Assert.StartsWith($"Stop run {id}? Its load ends now", asked, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Stopping, await CoordinatorRuns.StatusAsync(fixture, id));
        Assert.Contains("stopped from the web UI", await Page.Locator("table.timeline").InnerTextAsync());
        Assert.Equal(0, await Page.Locator("button[data-action=stop]").CountAsync());
        await Tab.ScreenshotAsync("run-stopping");
    }

    [Fact]
    public async Task StopButton_ConfirmationDismissed_SendsNothingAndTheRunGoesOn()
    {
        var (id, _) = await CoordinatorRuns.AssignedAsync(fixture);
        await LogInAsync();
        await Tab.GoAsync($"/runs/{id}");
        var dismissed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Page.Dialog += (_, dialog) =>
        {
            _ = dialog.DismissAsync();
            dismissed.TrySetResult(dialog.Message);
        };
        var posts = 0;
        Page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await Page.Locator("button[data-action=stop]").ClickAsync();

        Assert.StartsWith($"Stop run {id}?", await dismissed.Task.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        await Page.WaitForTimeoutAsync(500); // a form sent despite the answer would have left by now
        Assert.Equal(0, posts);
        Assert.EndsWith($"/runs/{id}", Page.Url, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Assigned, await CoordinatorRuns.StatusAsync(fixture, id));
        Assert.Equal(1, await Page.Locator("button[data-action=stop]").CountAsync());
    }

    [Fact]
    public async Task RerunButton_OnCompletedRun_OpensTheNewRunAndBothLinkToEachOther()
    {
        var id = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);
        await LogInAsync();
        await Tab.GoAsync($"/runs/{id}");
        Assert.Equal(0, await Page.Locator("button[data-action=stop]").CountAsync());

        await Page.Locator("button[data-action=rerun]").ClickAsync();

        await Tab.WaitForPageAsync(url => !url.EndsWith($"/runs/{id}", StringComparison.Ordinal), ".headline");
        var rerun = Assert.Single(await CoordinatorRuns.RerunsOfAsync(fixture, id));
        Assert.EndsWith($"/runs/{rerun}", Page.Url, StringComparison.Ordinal);
        Assert.Equal("scheduled", await Page.Locator(".headline").GetAttributeAsync("data-status"));
        Assert.Equal($"/runs/{id}", await Page.Locator("a.rerun-of").GetAttributeAsync("href"));
        Assert.Equal(1, await Page.Locator("button[data-action=stop]").CountAsync());
        await Tab.ScreenshotAsync("run-rerun");

        await Tab.GoAsync($"/runs/{id}");
        Assert.Equal(1, await Page.Locator($".reruns a[href='/runs/{rerun}']").CountAsync());
    }

    [Fact]
    public async Task CompareForm_OnRunPage_OpensTheComparisonWithTheGivenRun()
    {
        var repository = Specs.NewRepository();
        var faster = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [], level: 50);
        var slower = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [], level: 80);
        await Tab.GoAsync($"/runs/{slower}");

        await Page.Locator("form.compare-with input[name=against]").FillAsync(faster.ToString());
        await Page.Locator("form.compare-with button[type=submit]").ClickAsync();

        await Tab.WaitForPageAsync(url => url.Contains("/compare?", StringComparison.Ordinal), ".headline");
        Assert.Equal("regression", await Page.Locator(".headline").GetAttributeAsync("data-verdict"));
        Assert.Equal([slower.ToString(), faster.ToString()], await Page.Locator("table.compared-runs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)"));
        Assert.Equal("regression", await Page.Locator("table.comparison tr[data-metric=p99_latency_ms] .badge").First.InnerTextAsync());
        await Tab.ScreenshotAsync("compare");
    }

    [Fact]
    public async Task RunPage_ClonedFromOutsideGitHub_HasNoGitHubLinks()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);

        await Tab.GoAsync($"/runs/{id}");

        Assert.Equal(0, await Page.Locator("a.commit-link, a.repository-link").CountAsync());
        Assert.Equal(1, await Page.Locator("a.history-link").CountAsync());
    }

    /// <summary>
    /// Logs in over HTTP and hands the session cookie to the browser: the login form itself is
    /// tested through the browser once (the Stop test), and waiting for its redirect's page load
    /// was the one slow, timing-dependent step of the tests that only need a session.
    /// </summary>
    private async Task LogInAsync()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Coordinator.WebUrl, Timeout = TimeSpan.FromSeconds(30) };
        var session = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var (name, value) = (session.Cookie[..session.Cookie.IndexOf('=', StringComparison.Ordinal)], session.Cookie[(session.Cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        await Tab.Context.AddCookiesAsync([new Cookie { Name = name, Value = value, Url = fixture.Coordinator.WebUrl.ToString() }]);
    }
}
