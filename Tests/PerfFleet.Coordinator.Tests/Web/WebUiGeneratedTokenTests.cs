using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Hosting;
using PerfFleet.Coordinator.Web;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// A coordinator configured without admin tokens generates one into its data directory for the
/// CLI; the web UI must accept that same token, or nobody could log in to stop or re-run.
/// Checked on the coordinator's own registrations (built, not started: no database needed).
/// </summary>
public sealed class WebUiGeneratedTokenTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "perffleet-webui-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task WebUiAdminTokens_WithNoneConfigured_AreTheGeneratedAdminToken()
    {
        await using var app = Build(new Dictionary<string, string?>());

        var tokens = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value.AdminTokens;

        var generated = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin-token"))).Trim();
        Assert.Equal([generated], tokens);
    }

    [Fact]
    public async Task WebUiAdminTokens_WithConfiguredTokens_AreExactlyThose()
    {
        await using var app = Build(new Dictionary<string, string?>
        {
            ["PerfFleet:Security:AdminTokens:0"] = "configured-admin-token-0123456789",
            ["PerfFleet:Security:AdminTokens:1"] = "another-admin-token-0123456789",
        });

        var tokens = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value.AdminTokens;

        Assert.Equal(["configured-admin-token-0123456789", "another-admin-token-0123456789"], tokens);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "admin-token")));
    }

    private WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        settings["PerfFleet:Database:DataDirectory"] = dataDirectory;
        settings["PerfFleet:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused";
        settings["PerfFleet:Security:FleetToken"] = "fleet-token-0123456789abcdef";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPerfFleetCoordinator();
        return builder.Build();
    }
}
