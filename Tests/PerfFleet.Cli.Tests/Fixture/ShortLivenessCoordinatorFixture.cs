using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// A real coordinator of its own (own database) that declares a worker lost after
/// <see cref="LivenessTimeout"/> without a heartbeat, so a test can have a stale worker in seconds.
/// Kept apart from <see cref="CoordinatorFixture"/>, whose worker must never be lost.
/// </summary>
public sealed class ShortLivenessCoordinatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan LivenessTimeout = TimeSpan.FromSeconds(5);

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:Scheduling:LivenessTimeoutSeconds"] = LivenessTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Arguments that point a CLI invocation at this coordinator with the admin token.</summary>
    public string[] Args(params string[] args) => [.. args, "--coordinator", Host.GrpcAddress, "--token", CoordinatorTestHost.AdminToken];

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
