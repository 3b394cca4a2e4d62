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

    /// <summary>
    /// Waiting for a URL until its document is parsed, not until its "load" event: the tests read
    /// the DOM (locators wait for what they need), and a load event held up by a slow subresource
    /// on a busy machine once timed a login redirect out.
    /// </summary>
    public static PageWaitForURLOptions Parsed { get; } = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    public IPage Page { get; }

    public IBrowserContext Context => context;

    public Uri Address { get; }

    public static async Task<BrowserTab> OpenAsync(IBrowser browser, Uri address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return new BrowserTab(context, page, address);
    }

    public async Task<IResponse> GoAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(new Uri(Address, path).ToString());
        Assert.NotNull(response);
        Assert.Equal(expectedStatus, response.Status);
        return response;
    }

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(WebUiFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"screenshot {path} was written");
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
