using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Payloads;

/// <summary>
/// One database and one in-process coordinator with small payload limits, so that they can be
/// reached: 64 KiB a file, 100 KiB a repository, 4 KiB download chunks (a payload of a few
/// kilobytes takes several).
/// </summary>
public sealed class PayloadsHostFixture : IAsyncLifetime
{
    public const int MaxFileBytes = 64 * 1024;
    public const int MaxRepositoryBytes = 100 * 1024;
    public const int ChunkBytes = 4096;

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public PostgresDatabaseFixture Database => database;

    public PerfFleet.Contracts.V1.Payloads.PayloadsClient Payloads => new(Host.Channel);

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:Payloads:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PerfFleet:Payloads:MaxRepositoryBytes"] = MaxRepositoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PerfFleet:Payloads:ChunkBytes"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
