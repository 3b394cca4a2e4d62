using Grpc.Net.Client;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>A fresh Echo server on free loopback ports and a cleartext channel to it, per test.</summary>
public abstract class EchoServerTestBase : IAsyncLifetime
{
    protected GrpcTestServer Server { get; private set; } = null!;

    protected GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await GrpcTestServer.StartAsync();
        Channel = GrpcChannel.ForAddress(Server.CleartextAddress);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
