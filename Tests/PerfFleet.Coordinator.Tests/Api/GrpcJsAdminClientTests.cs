using PerfFleet.Testing;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Interop;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// @grpc/grpc-js, a client that is not ours, against the coordinator's admin API: it loads the
/// public protos, schedules, gets and lists a test, and sends values no field may hold (a Duration
/// beyond its range, nanos out of range, enum 99), which must be INVALID_ARGUMENT naming the field
/// with nothing stored. GrpcJs/admin-client.js runs every check once; each test asserts one.
/// </summary>
public sealed class GrpcJsAdminClientTests(GrpcJsAdminClientTests.ClientRun run) : IClassFixture<GrpcJsAdminClientTests.ClientRun>
{
    public static TheoryData<string> Checks => new()
    {
        "schedule-get-list", "no-token-unauthenticated", "schedule-duration-seconds", "schedule-duration-nanos", "schedule-kind-99",
        "update-duration-seconds", "update-duration-nanos", "list-status-99", "list-kind-99", "nothing-stored",
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void GrpcJsAdminClient_Check_Passes(string check)
    {
        Assert.True(run.Results.TryGetValue(check, out var result), $"admin-client.js did not report \"{check}\". Output:\n{run.Output}");
        Assert.True(result.Ok, $"{check}: {result.Detail}");
    }

    public sealed class ClientRun : IAsyncLifetime
    {
        private readonly ApiHostFixture coordinator = new();
        private NodeChecks? checks;

        public IReadOnlyDictionary<string, NodeCheckResult> Results => checks?.Results ?? new Dictionary<string, NodeCheckResult>();

        public string Output => checks?.Output ?? "";

        public async Task InitializeAsync()
        {
            await coordinator.InitializeAsync();
            checks = await NodeChecks.RunAsync(
                Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Coordinator.Tests", "Api", "GrpcJs", "admin-client.js"),
                [new Uri(coordinator.Host.GrpcAddress).Authority, CoordinatorTestHost.AdminToken, Path.Combine(TestPaths.RepositoryRoot, "Contracts", "Protos")],
                TimeSpan.FromSeconds(60));
        }

        public Task DisposeAsync() => coordinator.DisposeAsync();
    }
}
