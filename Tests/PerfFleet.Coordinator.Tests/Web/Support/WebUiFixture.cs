using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;
using PerfFleet.Testing;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// One PostgreSQL with the schema migrated and the seed rows, two coordinators' web UIs on it
/// (read-only, and login required), a whole coordinator on a database of its own for the admin
/// buttons (its admin API and fleet API write the rows they act on), and one headless Chromium,
/// shared by the web UI test classes.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    public const string AdminToken = "web-ui-admin-token-0123456789abcdef";

    /// <summary>The login host's read-only token.</summary>
    public const string ReadOnlyToken = "web-ui-read-only-token-0123456789";

    /// <summary>A second admin token of the whole coordinator: its sessions are "another session".</summary>
    public const string SecondAdminToken = "web-ui-second-admin-token-0123456789";

    private WebUiHost? readOnlyHost;
    private WebUiHost? loginHost;
    private readonly PostgresDatabaseFixture coordinatorDatabase = new();
    private CoordinatorTestHost? coordinator;
    private IPlaywright? playwright;
    private IBrowser? browser;

    internal WebUiSeedData Data { get; } = new();

    internal TestClock Clock { get; } = new(WebUiSeedData.Now);

    public string ConnectionString { get; private set; } = "";

    /// <summary>The UI in read-only mode (the default): anyone can read.</summary>
    public Uri ReadOnlyAddress => readOnlyHost?.Address ?? throw new InvalidOperationException("not started");

    /// <summary>The UI with PerfFleet:Web:RequireLogin = true.</summary>
    public Uri LoginAddress => loginHost?.Address ?? throw new InvalidOperationException("not started");

    /// <summary>A whole coordinator (Program.cs's wiring): web UI, admin and fleet APIs, leader and scheduler.</summary>
    public CoordinatorTestHost Coordinator => coordinator ?? throw new InvalidOperationException("not started");

    public PostgresDatabaseFixture CoordinatorDatabase => coordinatorDatabase;

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
            ["PerfFleet:Security:ReadOnlyTokens:0"] = ReadOnlyToken,
        });

        await coordinatorDatabase.InitializeAsync();
        coordinator = await CoordinatorTestHost.StartAsync(coordinatorDatabase.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:Security:AdminTokens:1"] = SecondAdminToken,

            // The tests play the worker and heartbeat only when they need to: no sweep may take their tests away.
            ["PerfFleet:Scheduling:LivenessTimeoutSeconds"] = "3600",
            ["PerfFleet:Scheduling:AssignmentTimeoutSeconds"] = "3600",

            // Small enough for a test to reach: a re-run over it is refused.
            ["PerfFleet:Quotas:MaxConcurrentTestsPerRepository"] = "3",
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

        if (coordinator is not null)
        {
            await coordinator.DisposeAsync();
        }

        await coordinatorDatabase.DisposeAsync();
        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
