using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PerfFleet.LoadEngine.Tests.Support;

/// <summary>Starts a quiet Kestrel on free 127.0.0.1 ports, one listener per protocol given, all answered by one handler.</summary>
internal static class LoopbackKestrel
{
    /// <summary>The running app and each listener's URL, in the order of <paramref name="protocols"/>.</summary>
    public static async Task<(WebApplication App, IReadOnlyList<string> Urls)> StartAsync(Func<HttpContext, Task> handler, params HttpProtocols[] protocols)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var protocol in protocols)
            {
                k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = protocol);
            }
        });
        var app = builder.Build();
        app.Run(context => handler(context));
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList());
    }
}
