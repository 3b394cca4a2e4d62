using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Testing;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// One PostgreSQL with the schema migrated and the seed rows, two coordinators' web UIs on it
/// (read-only, and login required) and one headless Chromium, shared by the web UI test classes.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    public const string AdminToken = "web-ui-admin-token-0123456789abcdef";

    private WebUiHost? readOnlyHost;
    private WebUiHost? loginHost;
    private IPlaywright? playwright;
    private IBrowser? browser;

    internal WebUiSeedData Data { get; } = new();

    internal TestClock Clock { get; } = new(WebUiSeedData.Now);

    public string ConnectionString { get; private set; } = "";

    /// <summary>The UI in read-only mode (the default): anyone can read.</summary>
    public Uri ReadOnlyAddress => readOnlyHost?.Address ?? throw new InvalidOperationException("not started");

    /// <summary>The UI with PerfFleet:Web:RequireLogin = true.</summary>
    public Uri LoginAddress => loginHost?.Address ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("not started");

    public static string ScreenshotDirectory => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "screenshots");

    public PerfFleetDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PerfFleetDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("webui");
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await Data.InsertAsync(db);
        }

        readOnlyHost = await WebUiHost.StartAsync(ConnectionString, Clock, new Dictionary<string, string?>());
        loginHost = await WebUiHost.StartAsync(ConnectionString, Clock, new Dictionary<string, string?>
        {
            ["PerfFleet:Web:RequireLogin"] = "true",
            ["PerfFleet:Security:AdminTokens:0"] = AdminToken,
        });

        Directory.CreateDirectory(ScreenshotDirectory);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (loginHost is not null)
        {
            await loginHost.DisposeAsync();
        }

        if (readOnlyHost is not null)
        {
            await readOnlyHost.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
