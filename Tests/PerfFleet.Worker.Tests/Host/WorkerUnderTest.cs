using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>The real worker host (WorkerHost.Build, as Program.cs) started in-process on free ports.</summary>
public sealed class WorkerUnderTest : IAsyncDisposable
{
    public const string FleetToken = "host-test-fleet-token";

    private readonly WebApplication _app;
    private readonly TempDirectory _work;
    private readonly GrpcChannel _channel;

    private WorkerUnderTest(WebApplication app, TempDirectory work)
    {
        _app = app;
        _work = work;
        Endpoints = app.Services.GetRequiredService<WorkerEndpoints>();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Endpoints.GrpcPort.ToString(CultureInfo.InvariantCulture)}");
        Client = new PerfFleet.Contracts.V1.Worker.WorkerClient(_channel);
    }

    public WorkerEndpoints Endpoints { get; }

    public PerfFleet.Contracts.V1.Worker.WorkerClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static CallOptions Call => new(new Metadata { { "authorization", "Bearer " + FleetToken } }, DateTime.UtcNow.AddSeconds(10));

    /// <param name="coordinators">The coordinator list, in failover order.</param>
    /// <param name="settings">More configuration (e.g. capacity).</param>
    public static async Task<WorkerUnderTest> StartAsync(IReadOnlyList<string> coordinators, IDictionary<string, string?>? settings = null)
    {
        var work = new TempDirectory();
        var configuration = new Dictionary<string, string?>
        {
            ["PerfFleet:Worker:GrpcPort"] = "0",
            ["PerfFleet:Worker:MetricsPort"] = "0",
            ["PerfFleet:Worker:WorkDirectory"] = work.Path,
            ["PerfFleet:Worker:HeartbeatInterval"] = "00:00:00.200",
            ["PerfFleet:Worker:CallTimeout"] = "00:00:02",
            ["PerfFleet:Worker:Pipeline:QueryDelay"] = "00:00:01.500",
            ["PerfFleet:Worker:Pipeline:ResourceSampleInterval"] = "00:00:00.500",
            ["PerfFleet:Worker:Compose:DockerHost"] = "unix://" + work.Combine("no-docker.sock"),
            ["PerfFleet:Security:FleetToken"] = FleetToken,
        };
        for (var i = 0; i < coordinators.Count; i++)
        {
            configuration[$"PerfFleet:Worker:Coordinators:{i}"] = coordinators[i];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = WorkerHost.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(configuration);
        });
        await app.StartAsync();
        return new WorkerUnderTest(app, work);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _work.Dispose();
    }
}
