using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>
/// What a worker sends, and the leader's assignment written straight to the database: these
/// tests play the worker, so no scheduler has to pick it (its heartbeats offer no free quota).
/// </summary>
public static class FleetTestData
{
    public static HeartbeatRequest Heartbeat(string workerId, params RunningTest[] running)
    {
        var request = new HeartbeatRequest
        {
            WorkerId = workerId,
            Address = "http://127.0.0.1:1",
            Capacity = new Quota { ConcurrentTests = 0, RequestRate = 5000, Cores = 4 },
            Used = new Quota { ConcurrentTests = 0, RequestRate = 0, Cores = 0 },
            Labels = { ["zone"] = "test" },
            HighestEpochSeen = 1,
        };
        request.Running.AddRange(running);
        return request;
    }

    public static RunningTest Running(string testId, int attempt = 1, RunPhase phase = RunPhase.Measuring) => new()
    {
        TestId = testId,
        Attempt = attempt,
        Epoch = 1,
        Progress = new Progress { Phase = phase, Elapsed = Duration.FromTimeSpan(TimeSpan.FromSeconds(3)), AchievedRate = 99, RequestedRate = 100 },
    };

    /// <summary>Writes the leader's Assigned(worker, attempt, epoch) for a scheduled test.</summary>
    public static async Task AssignAsync(PostgresDatabaseFixture database, string testId, string workerId, int attempt = 1)
    {
        await using var context = database.CreateDbContext();
        var id = Guid.Parse(testId);
        var changed = await context.LoadTests.Where(t => t.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, LoadTestStatus.Assigned)
            .SetProperty(t => t.AssignedWorker, workerId)
            .SetProperty(t => t.Attempts, attempt)
            .SetProperty(t => t.Epoch, 1L));
        Assert.Equal(1, changed);
    }

    /// <summary>A complete report: header, summary, one query series (constant level with small noise), final.</summary>
    public static IReadOnlyList<ResultChunk> Report(string testId, string workerId, double level, int attempt = 1, TestStatus final = TestStatus.Completed)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var series = new Series { Labels = { ["instance"] = "sut" } };
        for (var i = 0; i < 30; i++)
        {
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(start.AddSeconds(2 * i)), Value = level + (i % 5) });
        }

        var query = new QueryResult { Name = "p99_latency_ms", Promql = "histogram_quantile(0.99, rate(x[30s]))", Better = Better.Lower, ThresholdPercent = 10 };
        query.Series.Add(series);
        return
        [
            new ResultChunk { Header = new ResultHeader { TestId = testId, WorkerId = workerId, Attempt = attempt, Epoch = 1, StartedAt = Timestamp.FromDateTimeOffset(start) } },
            new ResultChunk
            {
                Summary = new LoadSummary
                {
                    WindowStart = Timestamp.FromDateTimeOffset(start),
                    WindowEnd = Timestamp.FromDateTimeOffset(start.AddMinutes(1)),
                    RequestedRate = 100,
                    Total = new LoadStats { Requests = 6000, Responses = 6000, AchievedRate = 100, StatusCodes = { [200] = 6000 } },
                },
            },
            new ResultChunk { Query = query },
            new ResultChunk { Final = new ResultFinal { Status = final, FinishedAt = Timestamp.FromDateTimeOffset(start.AddMinutes(1)) } },
        ];
    }

    public static async Task<ReportResultsResponse> SendAsync(CoordinatorTestHost host, IEnumerable<ResultChunk> chunks)
    {
        using var call = host.FleetApi.ReportResults(CoordinatorTestHost.Fleet);
        try
        {
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(chunk);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server refused a chunk and ended the call while more were being written: the
            // write fails with CANCELLED, and the server's own status is the response's.
        }

        return await call.ResponseAsync;
    }

    public static Task<LoadTest> ScheduleAsync(CoordinatorTestHost host, LoadTestSpec spec) =>
        host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, CoordinatorTestHost.Admin).ResponseAsync;

    public static Metadata Admin => CoordinatorTestHost.Admin;
}
