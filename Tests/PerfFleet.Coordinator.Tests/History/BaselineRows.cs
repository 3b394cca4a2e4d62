using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Tests.History;

/// <summary>
/// Runs written straight into the database the way the coordinator stores them: a test row and
/// its result, with one latency query at a level (every sample equal, so the median is the level)
/// and a fixed engine summary.
/// </summary>
public static class BaselineRows
{
    public const string Query = "p99_latency_ms";
    public const string Scenario = "api";

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string NewRepository() => "acme/" + Guid.NewGuid().ToString("N");

    public static string Commit(int i) => i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 32);

    /// <summary>
    /// Adds run number <paramref name="i"/> (finished <paramref name="i"/> hours after <see cref="Start"/>,
    /// or <paramref name="finishedHour"/> hours) and saves; <paramref name="commitSequence"/> is its
    /// commit's first-parent depth as a worker reports it (null: unknown).
    /// </summary>
    public static async Task<LoadTestEntity> AddAsync(PerfFleetDbContext db, string repository, int i, double level, LoadTestKind kind = LoadTestKind.Baseline, LoadTestStatus status = LoadTestStatus.Completed, long? commitSequence = null, int? finishedHour = null)
    {
        var finished = Start.AddHours(finishedHour ?? i);
        var test = new LoadTestEntity
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Repository = repository,
            CloneUrl = $"https://git.example.invalid/{repository}.git",
            Commit = Commit(i),
            CommitSequence = commitSequence,
            Scenario = Scenario,
            Status = status,
            CreatedAt = finished.AddMinutes(-5),
            UpdatedAt = finished,
            FinishedAt = status == LoadTestStatus.Completed ? finished : null,
        };
        db.LoadTests.Add(test);
        if (status == LoadTestStatus.Completed)
        {
            db.TestResults.Add(new TestResultEntity
            {
                TestId = test.Id,
                Attempt = 1,
                WorkerId = "worker-1",
                LoadSummary = Summary(finished).ToByteArray(),
                QueryResults = ResultPayloads.Pack([LatencyQuery(finished, level)]),
                StoredAt = finished,
            });
        }

        await db.SaveChangesAsync();
        return test;
    }

    private static QueryResult LatencyQuery(DateTimeOffset at, double level)
    {
        var series = new Series();
        for (var s = 0; s < 10; s++)
        {
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(at.AddSeconds(s - 60)), Value = level });
        }

        return new QueryResult { Name = Query, Better = Better.Lower, ThresholdPercent = 10, Series = { series } };
    }

    private static LoadSummary Summary(DateTimeOffset at) => new()
    {
        WindowStart = Timestamp.FromDateTimeOffset(at.AddSeconds(-60)),
        WindowEnd = Timestamp.FromDateTimeOffset(at),
        RequestedRate = 100,
        Total = new LoadStats
        {
            Requests = 6000,
            Responses = 6000,
            AchievedRate = 100,
            LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P99Ms = 30 } },
        },
    };
}
