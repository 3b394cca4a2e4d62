using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// One database and one in-process coordinator per test class, with small quotas so the limits
/// can be reached: rate 1000/s, duration 10 min, 3 active tests per repository.
/// </summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const double MaxRate = 1000;
    public const int MaxTestsPerRepository = 3;

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public PostgresDatabaseFixture Database => database;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:Quotas:MaxRate"] = "1000",
            ["PerfFleet:Quotas:MaxDuration"] = "00:10:00",
            ["PerfFleet:Quotas:MaxConcurrentTestsPerRepository"] = "3",
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
