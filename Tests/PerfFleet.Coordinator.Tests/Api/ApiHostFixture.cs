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

    /// <summary>A repository with limits of its own (PerfFleet:Quotas:Repositories:0): more rate and time than the others, one test at a time.</summary>
    public const string TenantRepository = "quota-tenant/shop";

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
            ["PerfFleet:Quotas:Repositories:0:Name"] = TenantRepository,
            ["PerfFleet:Quotas:Repositories:0:MaxRate"] = "5000",
            ["PerfFleet:Quotas:Repositories:0:MaxDuration"] = "02:00:00",
            ["PerfFleet:Quotas:Repositories:0:MaxConcurrentTests"] = "1",
            ["PerfFleet:Quotas:Repositories:0:MaxTotalRate"] = "2000",
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
