using Microsoft.Playwright;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// One test's own browser context and page (cookies never leak between tests), opened on a
/// given coordinator, with the screenshot every browser test leaves in
/// <see cref="WebUiFixture.ScreenshotDirectory"/>.
/// </summary>
internal sealed class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext context;

    private BrowserTab(IBrowserContext context, IPage page, Uri address)
    {
        this.context = context;
        Page = page;
        Address = address;
    }

    /// <summary>How long a page may take to arrive, as the page's default timeout for locators.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    public IPage Page { get; }

    public IBrowserContext Context => context;

    public Uri Address { get; }

    public static async Task<BrowserTab> OpenAsync(IBrowser browser, Uri address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)WaitLimit.TotalMilliseconds);
        return new BrowserTab(context, page, address);
    }

    public async Task<IResponse> GoAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(new Uri(Address, path).ToString());
        Assert.NotNull(response);
        Assert.Equal(expectedStatus, response.Status);
        return response;
    }

    /// <summary>
    /// Waits until the page's URL matches <paramref name="url"/> and the new document shows
    /// <paramref name="marker"/>. Not <c>WaitForURLAsync</c>: after a quick form-post redirect the
    /// Playwright client now and then missed the navigation, or the load state of a page already
    /// there, and timed out (first on the load event, then twice in one CI run on DOMContentLoaded).
    /// Here the URL is polled and the marker is a locator, which polls the DOM.
    /// </summary>
    public async Task WaitForPageAsync(Func<string, bool> url, string marker)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!url(Page.Url))
        {
            if (TimeProvider.System.GetElapsedTime(started) > WaitLimit)
            {
                var shown = await Page.Locator("main").First.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 1_000 });
                throw new TimeoutException($"the page stayed at {Page.Url} for {WaitLimit.TotalSeconds} s, showing: {shown}");
            }

            await Task.Delay(50);
        }

        await Page.Locator(marker).First.WaitForAsync();
    }

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(WebUiFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"screenshot {path} was written");
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
