using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PerfFleet.SimulatedWorker;

/// <summary>One simulated worker: its Worker gRPC service on a free loopback port, its heartbeats and its runs.</summary>
public sealed class SimulatedWorkerHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private Task? heartbeats;

    private SimulatedWorkerHost(WebApplication app, WorkerState state)
    {
        this.app = app;
        State = state;
    }

    public WorkerState State { get; }

    public static async Task<SimulatedWorkerHost> StartAsync(string id, SimulatedWorkerOptions options, CoordinatorConnections connections)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var state = new WorkerState(id, options.Capacity, TimeProvider.System);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(options);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<SimulatedWorkerService>();
        await app.StartAsync();
        state.Address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        var host = new SimulatedWorkerHost(app, state);
        new SimulatedRunner(state, connections, options, TimeProvider.System).Attach(host.stopping.Token);
        host.heartbeats = new HeartbeatLoop(state, connections, options, TimeProvider.System).RunAsync(host.stopping.Token);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (heartbeats is not null)
        {
            await heartbeats;
        }

        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
