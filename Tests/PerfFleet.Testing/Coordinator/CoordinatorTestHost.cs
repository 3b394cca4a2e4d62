using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Hosting;
using PerfFleet.Testing.Net;

namespace PerfFleet.Testing.Coordinator;

/// <summary>
/// A real coordinator (the same registrations and endpoints as Program.cs) hosted in the test
/// process on Kestrel: free loopback web and gRPC ports, a given database, known tokens. Tests
/// talk to it over real HTTP/2 with the generated clients, as the CLI and workers do.
/// </summary>
public sealed class CoordinatorTestHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";
    public const string FleetToken = "test-fleet-token-0123456789";
    public const string ReadOnlyToken = "test-read-only-token-0123456789";

    private readonly WebApplication app;

    private CoordinatorTestHost(WebApplication app, int webPort, int grpcPort)
    {
        this.app = app;
        WebUrl = new Uri($"http://127.0.0.1:{webPort}");
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Http = new HttpClient { BaseAddress = WebUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri WebUrl { get; }

    public string GrpcAddress { get; }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => app.Services;

    public static Metadata Admin { get; } = Bearer(AdminToken);

    public static Metadata Fleet { get; } = Bearer(FleetToken);

    public static Metadata ReadOnly { get; } = Bearer(ReadOnlyToken);

    public PerfFleet.Contracts.V1.LoadTests.LoadTestsClient LoadTests => new(Channel);

    public PerfFleet.Contracts.V1.Fleet.FleetClient FleetApi => new(Channel);

    public PerfFleet.Contracts.V1.Repositories.RepositoriesClient Repositories => new(Channel);

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>Starts a coordinator on <paramref name="connectionString"/>; <paramref name="settings"/> override or add configuration keys.</summary>
    public static async Task<CoordinatorTestHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var webPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["PerfFleet:Coordinator:ListenAddress"] = "127.0.0.1",
            ["PerfFleet:Coordinator:WebPort"] = webPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet:Coordinator:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["PerfFleet:Database:ConnectionString"] = connectionString,
            ["PerfFleet:Security:AdminTokens:0"] = AdminToken,
            ["PerfFleet:Security:FleetToken"] = FleetToken,
            ["PerfFleet:Security:ReadOnlyTokens:0"] = ReadOnlyToken,
            ["PerfFleet:Scheduling:PollIntervalMilliseconds"] = "200",
            ["PerfFleet:Leadership:RetryIntervalMilliseconds"] = "200",

            // Reports must never leave the machine: GitHub is a loopback port nothing listens on.
            ["PerfFleet:GitHub:ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddPerfFleetCoordinator();
        var app = builder.Build();
        try
        {
            app.MapPerfFleetCoordinator();
            await app.StartAsync();
        }
        catch
        {
            // A refused start (bad options) must not leave the host's services behind.
            await app.DisposeAsync();
            throw;
        }

        var host = new CoordinatorTestHost(app, webPort, grpcPort);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>The body of <c>/readyz</c>: ready, leader, epoch; null while it does not answer.</summary>
    public Task<CoordinatorReadiness?> ReadinessAsync() => CoordinatorReadiness.ReadAsync(Http);

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (await ReadinessAsync() is not { Ready: true })
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"the coordinator at {WebUrl} was not ready within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
