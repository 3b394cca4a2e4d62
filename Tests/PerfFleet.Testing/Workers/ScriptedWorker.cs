using System.Net;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Testing.Workers;

/// <summary>
/// A worker that a test drives step by step against a real coordinator, through the same fleet
/// API a worker uses: it serves <c>perffleet.v1.Worker</c> on a free loopback port (the leader
/// assigns tests to it), heartbeats with the tests it holds and their progress, and reports
/// results when the test says the run is over. It puts load tests into any state (running,
/// completed with given measurements, failed, stopped) without a system under test, and every
/// transition goes through the coordinator's own code: scheduler, heartbeat handler, results
/// ingest and comparison.
/// </summary>
public sealed class ScriptedWorker : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CoordinatorTestHost coordinator;
    private readonly ScriptedWorkerState state;
    private readonly Quota capacity;
    private readonly CancellationTokenSource stopping = new();

    // One heartbeat at a time, its snapshot taken inside: a background heartbeat must not land
    // after a newer one and put back older progress.
    private readonly SemaphoreSlim heartbeatGate = new(1, 1);
    private Task? heartbeats;

    private ScriptedWorker(WebApplication app, CoordinatorTestHost coordinator, ScriptedWorkerState state, string id, string address, Quota capacity)
    {
        this.app = app;
        this.coordinator = coordinator;
        this.state = state;
        this.capacity = capacity;
        Id = id;
        Address = address;
    }

    public string Id { get; }

    /// <summary>The worker's gRPC address, as it tells the coordinator in heartbeats.</summary>
    public string Address { get; }

    /// <summary>Rate and duration changes the leader sent with <c>Worker.Update</c>.</summary>
    public IReadOnlyCollection<WorkerUpdateRequest> Updates => state.Updates;

    /// <summary>See <see cref="ScriptedWorkerState.OnUpdate"/>.</summary>
    public Func<WorkerUpdateRequest, Task>? OnUpdate { get => state.OnUpdate; set => state.OnUpdate = value; }

    /// <summary>Stops the coordinator sent with <c>Worker.Stop</c>.</summary>
    public IReadOnlyCollection<WorkerStopRequest> Stops => state.Stops;

    /// <summary>
    /// Starts the worker and sends its first heartbeat (it can be given tests from then on). With
    /// <paramref name="heartbeatInterval"/>, it keeps heartbeating in the background, as a live
    /// worker does; without, it heartbeats only when told (its last heartbeat stays put).
    /// <paramref name="advertisedAddress"/> replaces the address it tells the coordinator (one
    /// nobody listens on plays a worker whose advertised address is wrong).
    /// </summary>
    public static async Task<ScriptedWorker> StartAsync(CoordinatorTestHost coordinator, string id, Quota capacity, TimeSpan? heartbeatInterval, string? advertisedAddress = null)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var state = new ScriptedWorkerState(CoordinatorTestHost.FleetToken);
        builder.Services.AddSingleton(state);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<ScriptedWorkerService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        var worker = new ScriptedWorker(app, coordinator, state, id, advertisedAddress ?? address, capacity);
        await worker.HeartbeatAsync();
        if (heartbeatInterval is { } interval)
        {
            worker.heartbeats = worker.HeartbeatLoopAsync(interval, worker.stopping.Token);
        }

        return worker;
    }

    /// <summary>The Starts of the tests it holds now (accepted, not reported yet), for a test that plays a worker for runs it did not schedule itself.</summary>
    public IReadOnlyList<StartRequest> Held() => [.. state.Running().Select(t => t.Start)];

    /// <summary>Waits until the leader has given this worker <paramref name="testId"/>; returns its Start.</summary>
    public Task<StartRequest> AssignedAsync(string testId, TimeSpan timeout) => state.StartOf(testId).WaitAsync(timeout);

    /// <summary>Sets a held test's progress and heartbeats it at once: the coordinator moves the test to Running (or Collecting).</summary>
    public Task ProgressAsync(string testId, Progress progress)
    {
        state.Record(testId, progress);
        return HeartbeatAsync();
    }

    /// <summary>One heartbeat now: capacity, used quota (one test and its rate per held test) and every held test.</summary>
    public async Task<HeartbeatResponse> HeartbeatAsync()
    {
        await heartbeatGate.WaitAsync();
        try
        {
            return await SendHeartbeatAsync();
        }
        finally
        {
            heartbeatGate.Release();
        }
    }

    private async Task<HeartbeatResponse> SendHeartbeatAsync()
    {
        var running = state.Running();
        var request = new HeartbeatRequest
        {
            WorkerId = Id,
            Address = Address,
            Capacity = capacity,
            Used = new Quota { ConcurrentTests = running.Count, RequestRate = running.Sum(t => t.Start.Required?.RequestRate ?? 0) },
            HighestEpochSeen = running.Select(t => t.Start.Epoch).DefaultIfEmpty(0).Max(),
        };
        request.Running.AddRange(running.Select(t => t.ToRunningTest()));
        return await coordinator.FleetApi.HeartbeatAsync(request, CoordinatorTestHost.Fleet);
    }

    /// <summary>
    /// Ends a held test's run: streams its results and final state with <c>Fleet.ReportResults</c>,
    /// as a worker does; <paramref name="commitSequence"/> is the commit's first-parent depth the
    /// header reports (0: unknown, as a worker that cannot tell).
    /// </summary>
    public async Task<ReportResultsResponse> FinishAsync(string testId, ResultFinal final, LoadSummary? summary = null, IEnumerable<QueryResult>? queries = null, IEnumerable<Repetition>? repetitions = null, long commitSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(final);
        var test = state.Release(testId);
        using var call = coordinator.FleetApi.ReportResults(CoordinatorTestHost.Fleet);
        await call.RequestStream.WriteAsync(new ResultChunk
        {
            Header = new ResultHeader
            {
                TestId = testId,
                Attempt = test.Start.Test.Attempts,
                Epoch = test.Start.Epoch,
                WorkerId = Id,
                StartedAt = summary?.WindowStart ?? Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                CommitSequence = commitSequence,
            },
        });
        if (summary is not null)
        {
            await call.RequestStream.WriteAsync(new ResultChunk { Summary = summary });
        }

        foreach (var query in queries ?? [])
        {
            await call.RequestStream.WriteAsync(new ResultChunk { Query = query });
        }

        foreach (var repetition in repetitions ?? [])
        {
            await call.RequestStream.WriteAsync(new ResultChunk { Repetition = repetition });
        }

        await call.RequestStream.WriteAsync(new ResultChunk { Final = final });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await HeartbeatAsync();
                }
                catch (Grpc.Core.RpcException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A live worker keeps heartbeating through a coordinator's hiccup; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (heartbeats is not null)
        {
            await heartbeats;
        }

        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
        heartbeatGate.Dispose();
    }
}
