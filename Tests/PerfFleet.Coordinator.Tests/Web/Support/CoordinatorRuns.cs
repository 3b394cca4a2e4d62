using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// Runs on the fixture's whole coordinator, made the way production makes them: scheduled
/// through the admin API, assigned as the leader writes it, results reported through
/// Fleet.ReportResults (stored, compared and reported by the real ingest). Each call uses a new
/// repository, so the per-repository quota of one test never trips another.
/// </summary>
internal static class CoordinatorRuns
{
    public static async Task<Guid> ScheduledAsync(WebUiFixture fixture, string? repository = null, TestKind kind = TestKind.Test)
    {
        var test = await ScheduleAsync(fixture.Coordinator, Specs.ForRepository(repository ?? Specs.NewRepository(), kind: kind));
        return Guid.Parse(test.Id);
    }

    /// <summary>A scheduled test the leader gave to a registered worker (which answers no calls).</summary>
    public static async Task<(Guid Id, string WorkerId)> AssignedAsync(WebUiFixture fixture, string? repository = null, TestKind kind = TestKind.Test)
    {
        var id = await ScheduledAsync(fixture, repository, kind);
        var workerId = "web-w-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Coordinator.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        await AssignAsync(fixture.CoordinatorDatabase, id.ToString(), workerId);
        return (id, workerId);
    }

    /// <summary>A completed run whose worker reported <paramref name="resources"/> with its results, its p99 query around <paramref name="level"/> ms.</summary>
    public static async Task<Guid> CompletedAsync(WebUiFixture fixture, string repository, TestKind kind, IEnumerable<ResourceSeries> resources, double level = 50)
    {
        var (id, workerId) = await AssignedAsync(fixture, repository, kind);
        var chunks = Report(id.ToString(), workerId, level).ToList();
        chunks.InsertRange(chunks.Count - 1, resources.Select(r => new ResultChunk { Resources = r }));
        var response = await SendAsync(fixture.Coordinator, chunks);
        Assert.True(response.Accepted);
        return id;
    }

    /// <summary>One container's samples, one per second: CPU around <paramref name="cores"/>, memory around <paramref name="mebibytes"/>.</summary>
    public static ResourceSeries Container(string name, double cores, double mebibytes, int samples = 20)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var series = new ResourceSeries { Name = name };
        for (var i = 0; i < samples; i++)
        {
            var at = Timestamp.FromDateTimeOffset(start.AddSeconds(i));
            series.MemoryBytes.Add(new Sample { Time = at, Value = (mebibytes + (i % 3)) * 1024 * 1024 });
            if (i > 0)
            {
                // CPU is a rate between two readings: the first reading has none (as on a worker).
                series.CpuCores.Add(new Sample { Time = at, Value = cores + (i % 4 * 0.01) });
            }
        }

        return series;
    }

    public static async Task<LoadTestStatus> StatusAsync(WebUiFixture fixture, Guid id)
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        return await db.LoadTests.Where(t => t.Id == id).Select(t => t.Status).SingleAsync();
    }

    public static async Task<IReadOnlyList<Guid>> RerunsOfAsync(WebUiFixture fixture, Guid id)
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        return await db.LoadTests.Where(t => t.RerunOf == id).Select(t => t.Id).ToListAsync();
    }

    public static async Task<int> StateEventCountAsync(WebUiFixture fixture, Guid id)
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        return await db.TestStateEvents.CountAsync(e => e.TestId == id);
    }
}
