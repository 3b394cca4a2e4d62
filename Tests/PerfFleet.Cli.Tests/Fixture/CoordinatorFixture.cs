using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;
using PerfFleet.Testing.Workers;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// The coordinator the CLI talks to: the real one (every gRPC service, scheduler and leader) on
/// free loopback ports over its own PostgreSQL database, with one worker the tests drive through
/// the fleet API (<see cref="ScriptedWorker"/>) so that tests reach every state a user can see.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    public const string AdminToken = CoordinatorTestHost.AdminToken;

    /// <summary>Registered at start, so tests may schedule it without a clone URL.</summary>
    public const string RegisteredRepository = "acme/shop";

    /// <summary>The highest rate a test may ask for (PerfFleet:Quotas:MaxRate), low enough to reach from the CLI.</summary>
    public const double MaxRate = 10_000;

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;
    private ScriptedWorker? worker;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    /// <summary>The one worker of the fleet: every scheduled test is assigned to it.</summary>
    public ScriptedWorker Worker => worker ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    /// <summary>Puts tests into states through the API and the worker.</summary>
    public Seed Seed => new(Host, Worker);

    public string Address => Host.GrpcAddress;

    /// <summary>The coordinator's database, for a second coordinator (a peer) on the same data.</summary>
    public string DatabaseConnectionString => database.ConnectionString;

    public static Metadata Admin => CoordinatorTestHost.Admin;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:Quotas:MaxRate"] = MaxRate.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Tests share the registered repository and leave its tests assigned: the default limit would trip.
            ["PerfFleet:Quotas:MaxConcurrentTestsPerRepository"] = "100000",

            // The seeded regressions stand for final verdicts: the CLI's exit codes are under test,
            // not the confirmation run the coordinator schedules first (coordinator tests cover it).
            ["PerfFleet:FollowUps:ConfirmRegressions"] = "false",

            // The seeded measurements give the engine's p99 the same level as the scenario's p99
            // query, whose threshold is 10 %: judged alike, the query's verdict is the run's, which
            // is what the bisection and verdict tests read (the 3 % default would call +9.9 % a
            // regression through the engine before the query's inconclusive could ask for pairs).
            ["PerfFleet:Comparison:EngineP99ThresholdPercent"] = "10",
        });
        await host.Repositories.RegisterAsync(
            new RepositoryRegistration { Name = RegisteredRepository, CloneUrl = "https://git.example.invalid/acme/shop.git" },
            Admin);
        worker = await ScriptedWorker.StartAsync(
            host,
            "cli-tests-worker",
            new Quota { ConcurrentTests = 10_000, RequestRate = 1_000_000, Cores = 64 },
            heartbeatInterval: TimeSpan.FromSeconds(1));
    }

    /// <summary>Arguments that point a CLI invocation at this coordinator with the admin token.</summary>
    public string[] Args(params string[] args) => [.. args, "--coordinator", Address, "--token", AdminToken];

    public async Task DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
