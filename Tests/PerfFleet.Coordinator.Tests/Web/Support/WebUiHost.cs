using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Web;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// The web UI in a real Kestrel on a free loopback port, wired the way the coordinator's
/// Program wires it: storage's DbContext factory, AddPerfFleetWebUi, MapPerfFleetWebUi.
/// </summary>
internal sealed class WebUiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebUiHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<WebUiHost> StartAsync(string connectionString, TimeProvider clock, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(clock);
        builder.Services.AddDbContextFactory<PerfFleetDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddPerfFleetWebUi(builder.Configuration);

        var app = builder.Build();
        app.MapPerfFleetWebUi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebUiHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
