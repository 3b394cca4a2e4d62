using System.Text.Json;

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

    public sealed record CheckResult(bool Ok, string Detail);

    public sealed class ClientRun : IAsyncLifetime
    {
        public Dictionary<string, CheckResult> Results { get; } = [];

        public string Output { get; private set; } = "";

        public bool ServerSawCancellation { get; private set; }

        public async Task InitializeAsync()
        {
            await using var server = await GrpcTestServer.StartAsync();
            var target = new Uri(server.CleartextAddress).Authority;
            using var node = NodeInterop.Start("client.js", target);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            Output = await stdout + await stderr;
            foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                Results[root.GetProperty("check").GetString()!] = new CheckResult(root.GetProperty("ok").GetBoolean(), root.GetProperty("detail").GetString() ?? "");
            }

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
