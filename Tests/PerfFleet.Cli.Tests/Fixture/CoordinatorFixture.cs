using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// The coordinator the CLI talks to: a real Kestrel HTTP/2 server on a free loopback port with our gRPC
/// transport, serving in-memory LoadTests/Fleet/Repositories. The one place to swap in the real coordinator.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    public const string AdminToken = "admin-token-for-cli-tests";
    public const string ReadOnlyToken = "read-only-token-for-cli-tests";

    private WebApplication? app;

    public CoordinatorState State { get; } = new();

    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(State);
        builder.Services.AddSingleton(new BearerTokens(AdminToken, ReadOnlyToken));
        builder.Services.AddGrpc();
        app = builder.Build();
        app.MapGrpcService<InMemoryLoadTestsService>();
        app.MapGrpcService<InMemoryFleetService>();
        app.MapGrpcService<InMemoryRepositoriesService>();
        await app.StartAsync();
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Arguments that point a CLI invocation at this coordinator with the admin token.</summary>
    public string[] Args(params string[] args) => [.. args, "--coordinator", Address, "--token", AdminToken];

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
