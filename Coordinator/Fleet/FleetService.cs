using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary><c>perffleet.v1.Fleet</c>, on every coordinator: the fleet view for admins, heartbeats and results for workers.</summary>
public sealed class FleetService(
    HeartbeatHandler heartbeats,
    ResultsIngest results,
    IDbContextFactory<PerfFleetDbContext> contexts,
    IOptions<SchedulingOptions> scheduling,
    TimeProvider time) : PerfFleet.Contracts.V1.Fleet.FleetBase
{
    /// <summary>Results larger than this (all chunks) are refused: a runaway query must not exhaust memory.</summary>
    public const int MaxResultChunks = 10_000;

    public override async Task<ListWorkersResponse> ListWorkers(ListWorkersRequest request, ServerCallContext context)
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var now = time.GetUtcNow();
        var fresh = now - scheduling.Value.LivenessTimeout;
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Id).ToListAsync(context.CancellationToken);
        var running = await db.LoadTests.AsNoTracking()
            .Where(t => t.AssignedWorker != null && TestStateMachine.HeldByWorker.Contains(t.Status))
            .ToListAsync(context.CancellationToken);
        var leader = await db.Leadership.AsNoTracking().SingleOrDefaultAsync(context.CancellationToken);
        var response = new ListWorkersResponse { LeaderAddress = leader?.LeaderAddress ?? string.Empty, Epoch = leader?.Epoch ?? 0 };
        foreach (var worker in workers)
        {
            var alive = worker.LastHeartbeatAt >= fresh;
            if (!alive && !request.IncludeStale)
            {
                continue;
            }

            var info = new WorkerInfo
            {
                Id = worker.Id,
                Address = worker.Address,
                Capacity = new Quota { ConcurrentTests = worker.CapacityConcurrentTests, RequestRate = worker.CapacityRequestRate, Cores = worker.CapacityCores },
                Used = new Quota { ConcurrentTests = worker.UsedConcurrentTests, RequestRate = worker.UsedRequestRate, Cores = worker.UsedCores },
                LastHeartbeat = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(worker.LastHeartbeatAt),
                Alive = alive,
                HighestEpochSeen = worker.HighestEpochSeen,
                Incarnation = worker.Incarnation ?? string.Empty,
                StartedAt = worker.StartedAt is { } started ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(started) : null,
                UnreachableUntil = worker.UnreachableUntil is { } until && until > now ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(until) : null,
                UnreachableReason = (worker.UnreachableUntil > now ? worker.UnreachableReason : null) ?? string.Empty,
                UnreachableStrikes = worker.UnreachableStrikes,
            };
            info.Labels.Add(worker.Labels);
            info.Running.AddRange(running.Where(t => t.AssignedWorker == worker.Id).Select(t => new RunningTest
            {
                TestId = t.Id.ToString(),
                Attempt = t.Attempts,
                Epoch = t.Epoch ?? 0,
                Progress = new Progress { Phase = LoadTestMapping.ToRunPhase(t.ProgressPhase), AchievedRate = t.ProgressAchievedRate ?? 0, RequestedRate = t.Rate ?? 0 },
            }));
            response.Workers.Add(info);
        }

        return response;
    }

    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        if (request.WorkerId.Length is 0 or > 200)
        {
            ApiErrors.InvalidArgument("worker_id", "is required (at most 200 characters)");
        }

        if (!Uri.TryCreate(request.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            ApiErrors.InvalidArgument("address", "must be the worker's gRPC address, http://host:port or https://host:port");
        }

        return heartbeats.HandleAsync(request, context.CancellationToken);
    }

    public override async Task<ReportResultsResponse> ReportResults(IAsyncStreamReader<ResultChunk> requestStream, ServerCallContext context)
    {
        ResultHeader? header = null;
        LoadSummary? summary = null;
        ResultFinal? final = null;
        var queries = new List<QueryResult>();
        var resources = new List<ResourceSeries>();
        var repetitions = new List<Repetition>();
        var chunks = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            if (++chunks > MaxResultChunks)
            {
                ApiErrors.ResourceExhausted($"a report may have at most {MaxResultChunks} chunks");
            }

            var chunk = requestStream.Current;
            if (header is null && chunk.ChunkCase != ResultChunk.ChunkOneofCase.Header)
            {
                ApiErrors.InvalidArgument("header", "the first chunk must be the header");
            }

            switch (chunk.ChunkCase)
            {
                case ResultChunk.ChunkOneofCase.Header when header is null:
                    header = chunk.Header;
                    break;
                case ResultChunk.ChunkOneofCase.Header:
                    ApiErrors.InvalidArgument("header", "only the first chunk is a header");
                    break;
                case ResultChunk.ChunkOneofCase.Summary:
                    summary = chunk.Summary;
                    break;
                case ResultChunk.ChunkOneofCase.Query:
                    queries.Add(chunk.Query);
                    break;
                case ResultChunk.ChunkOneofCase.Resources:
                    resources.Add(chunk.Resources);
                    break;
                case ResultChunk.ChunkOneofCase.Final:
                    final = chunk.Final;
                    break;
                case ResultChunk.ChunkOneofCase.Repetition:
                    repetitions.Add(ReceivedRepetitions.Check(chunk.Repetition, repetitions.Count));
                    break;
                default:
                    ApiErrors.InvalidArgument("chunk", "is empty");
                    break;
            }
        }

        if (header is null)
        {
            ApiErrors.InvalidArgument("header", "the report is empty");
        }

        if (final is null)
        {
            ApiErrors.InvalidArgument("final", "the report ended without its final status");
        }

        return await results.StoreAsync(new ReceivedResults(header, summary, queries, resources, final, repetitions), context.CancellationToken);
    }
}
