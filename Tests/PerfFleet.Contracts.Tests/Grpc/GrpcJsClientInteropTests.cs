using PerfFleet.Testing.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>@grpc/grpc-js as the CLIENT of our server: Interop/client.js runs every check once; each test asserts one.</summary>
public sealed class GrpcJsClientInteropTests(GrpcJsClientInteropTests.ClientRun run) : IClassFixture<GrpcJsClientInteropTests.ClientRun>
{
    public static TheoryData<string> Checks => new() { "unary", "server-streaming", "client-streaming", "duplex", "deadline", "error-status", "unknown-exception", "unimplemented", "cancellation" };

    [Theory]
    [MemberData(nameof(Checks))]
    public void GrpcJsClient_Check_Passes(string check)
    {
        Assert.True(run.Results.TryGetValue(check, out var result), $"client.js did not report \"{check}\". Output:\n{run.Output}");
        Assert.True(result.Ok, $"{check}: {result.Detail}");
    }

    [Fact]
    public void GrpcJsClient_Cancels_ServerHandlerTokenIsCancelled()
    {
        Assert.True(run.ServerSawCancellation, "the server-streaming handler's token was not cancelled after grpc-js cancelled the call");
    }

    public sealed class ClientRun : IAsyncLifetime
    {
        private NodeChecks? checks;

        public IReadOnlyDictionary<string, NodeCheckResult> Results => checks?.Results ?? new Dictionary<string, NodeCheckResult>();

        public string Output => checks?.Output ?? "";

        public bool ServerSawCancellation { get; private set; }

        public async Task InitializeAsync()
        {
            await using var server = await GrpcTestServer.StartAsync();
            var target = new Uri(server.CleartextAddress).Authority;
            checks = await NodeChecks.RunAsync(Path.Combine(NodeInterop.InteropDirectory, "client.js"), [target], TimeSpan.FromSeconds(60));
            try
            {
                await server.Observer.CancelledAsync("/perffleet.testing.Echo/ServerStream");
                ServerSawCancellation = true;
            }
            catch (TimeoutException)
            {
                ServerSawCancellation = false;
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
