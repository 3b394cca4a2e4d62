using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Hosting;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Security;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Telemetry;
using PerfFleet.Coordinator.Tests.Reporting;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>
/// The leader's reading of a worker's answer to <c>Worker.Start</c>, over real gRPC: a stale
/// epoch (ABORTED) is not the same as a worker refusing the attempt for its own state
/// (FAILED_PRECONDITION), which must give the test back rather than leave it assigned.
/// </summary>
public sealed class GrpcWorkerDispatcherTests
{
    public static TheoryData<StatusCode, DispatchOutcome> Answers => new()
    {
        { StatusCode.Aborted, DispatchOutcome.EpochRejected },
        { StatusCode.FailedPrecondition, DispatchOutcome.Refused },
        { StatusCode.ResourceExhausted, DispatchOutcome.QuotaExhausted },
        { StatusCode.Internal, DispatchOutcome.Unreachable },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task StartAsync_WorkerAnswersWithStatus_MapsToItsOwnOutcome(StatusCode answer, DispatchOutcome expected)
    {
        await using var worker = await AnsweringWorker.StartAsync(answer);
        await using var services = new ServiceCollection().AddOptions().BuildServiceProvider();
        using var clients = new WorkerClients(services.GetRequiredService<IOptionsMonitor<SecurityOptions>>());
        var options = Options.Create(new CoordinatorOptions());
        using var metrics = new CoordinatorMetrics(new SwitchableLeadership(), TimeProvider.System);
        var dispatcher = new GrpcWorkerDispatcher(clients, new RunLinks(options), options, new RepositoryQuotas(Options.Create(new QuotaOptions())), metrics, TimeProvider.System);

        var result = await dispatcher.StartAsync(
            new WorkerEntity { Id = "w", Address = worker.Address },
            new LoadTestEntity { Id = Guid.NewGuid(), Commit = "abc", InlineSpec = "{}", Attempts = 1, CreatedAt = DateTimeOffset.UtcNow },
            epoch: 3,
            CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("answer from the test worker", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TestOfARepositoryWithItsOwnLimits_SendsThemWithTheirSettings()
    {
        await using var worker = await AnsweringWorker.StartAsync(StatusCode.ResourceExhausted);
        await using var services = new ServiceCollection().AddOptions().BuildServiceProvider();
        using var clients = new WorkerClients(services.GetRequiredService<IOptionsMonitor<SecurityOptions>>());
        var options = Options.Create(new CoordinatorOptions());
        using var metrics = new CoordinatorMetrics(new SwitchableLeadership(), TimeProvider.System);
        var quotas = new QuotaOptions { MaxDuration = TimeSpan.FromMinutes(30), Repositories = [new RepositoryQuotaOptions { Name = "acme/shop", MaxRate = 42 }] };
        var dispatcher = new GrpcWorkerDispatcher(clients, new RunLinks(options), options, new RepositoryQuotas(Options.Create(quotas)), metrics, TimeProvider.System);

        await dispatcher.StartAsync(
            new WorkerEntity { Id = "w", Address = worker.Address },
            new LoadTestEntity { Id = Guid.NewGuid(), Repository = "acme/shop", Commit = "abc", Attempts = 1, CreatedAt = DateTimeOffset.UtcNow },
            epoch: 3,
            CancellationToken.None);

        // The worker alone reads the scenario file: it checks it against the repository's limits and names them.
        var limits = Assert.Single(worker.Requests).Limits;
        Assert.Equal((42.0, "PerfFleet:Quotas:Repositories:0:MaxRate, for acme/shop"), (limits.MaxRate, limits.MaxRateSetting));
        Assert.Equal((TimeSpan.FromMinutes(30), "PerfFleet:Quotas:MaxDuration"), (limits.MaxDuration.ToTimeSpan(), limits.MaxDurationSetting));
    }

    /// <summary>A worker whose Start answers every call with one status.</summary>
    private sealed class AnsweringWorker(WebApplication app, string address) : IAsyncDisposable
    {
        public string Address { get; } = address;

        public IReadOnlyCollection<StartRequest> Requests => app.Services.GetRequiredService<Answer>().Requests;

        public static async Task<AnsweringWorker> StartAsync(StatusCode answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(new Answer(answer));
            var app = builder.Build();
            app.MapGrpcService<Service>();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new AnsweringWorker(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Answer(StatusCode Code)
    {
        public System.Collections.Concurrent.ConcurrentQueue<StartRequest> Requests { get; } = new();
    }

    private sealed class Service(Answer answer) : PerfFleet.Contracts.V1.Worker.WorkerBase
    {
        public override Task<StartResponse> Start(StartRequest request, ServerCallContext context)
        {
            answer.Requests.Enqueue(request);
            throw new RpcException(new Status(answer.Code, "answer from the test worker"));
        }
    }
}
