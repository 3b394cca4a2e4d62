using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// Real rows, written through the DbContext the way the coordinator stores them: two completed
/// baselines, a completed test run compared with the newer one (a p99 regression), a running
/// test on a worker, a failed run of another repository, and a run whose stored texts are hostile.
/// </summary>
internal sealed class WebUiSeedData
{
    public const string Repository = "acme/shop";
    public const string Scenario = "api";
    public const string OtherRepository = "other/thing";
    public const string LeaderAddress = "http://coordinator-2.internal:5081";
    public const string Hostile = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";

    /// <summary>
    /// The fixture's clock starts at the real time (to the minute), not a fixed date: the session
    /// cookie's Expires comes from that clock and the browser judges it by its own, so a fixed date
    /// made every browser login fail once the real clock passed it plus the session length.
    /// </summary>
    public static readonly DateTimeOffset Now = TruncateToMinute(DateTimeOffset.UtcNow);

    private static DateTimeOffset TruncateToMinute(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    public Guid OldBaselineId { get; } = Guid.Parse("0b000000-0000-4000-8000-000000000001");
    public Guid BaselineId { get; } = Guid.Parse("0b000000-0000-4000-8000-000000000002");
    public Guid TestId { get; } = Guid.Parse("07000000-0000-4000-8000-000000000003");
    public Guid RunningId { get; } = Guid.Parse("07000000-0000-4000-8000-000000000004");
    public Guid FailedId { get; } = Guid.Parse("07000000-0000-4000-8000-000000000005");
    public Guid HostileId { get; } = Guid.Parse("07000000-0000-4000-8000-000000000006");

    public string OldBaselineCommit { get; } = new string('a', 39) + "1";
    public string BaselineCommit { get; } = new string('a', 39) + "2";
    public string TestCommit { get; } = "b0b1" + new string('b', 36);

    public async Task InsertAsync(PerfFleetDbContext db)
    {
        AddCompleted(db, OldBaselineId, LoadTestKind.Baseline, OldBaselineCommit, Now.AddDays(-2), p99: 98, pullRequest: null);
        AddCompleted(db, BaselineId, LoadTestKind.Baseline, BaselineCommit, Now.AddDays(-1), p99: 100, pullRequest: null);
        AddCompleted(db, TestId, LoadTestKind.Test, TestCommit, Now.AddHours(-2), p99: 135, pullRequest: 42);
        db.Comparisons.Add(new ComparisonEntity
        {
            TestId = TestId,
            BaselineTestId = BaselineId,
            Verdict = TestVerdict.Regression,
            Metrics = RegressionComparison().ToByteArray(),
            ComputedAt = Now.AddHours(-2),
        });

        db.LoadTests.Add(Test(RunningId, LoadTestKind.Test, "c0ffee" + new string('c', 34), LoadTestStatus.Running, Now.AddMinutes(-3)));
        var running = db.LoadTests.Local.Single(t => t.Id == RunningId);
        running.AssignedWorker = "worker-1";
        running.StartedAt = Now.AddMinutes(-2);
        running.ProgressPhase = "measuring";

        var failed = Test(FailedId, LoadTestKind.Test, "d00d" + new string('d', 36), LoadTestStatus.Failed, Now.AddHours(-5));
        failed.Repository = OtherRepository;
        failed.Scenario = null;
        failed.StatusReason = "worker lost";
        db.LoadTests.Add(failed);

        var hostile = Test(HostileId, LoadTestKind.Adhoc, "e0e0" + new string('e', 36), LoadTestStatus.Failed, Now.AddHours(-6));
        hostile.Repository = null;
        hostile.Scenario = Hostile;
        hostile.StatusReason = Hostile;
        hostile.InlineSpec = Hostile;
        db.LoadTests.Add(hostile);

        db.Workers.Add(Worker("worker-1", Now.AddSeconds(-5), usedTests: 1));
        db.Workers.Add(Worker("worker-2", Now.AddMinutes(-5), usedTests: 0));

        // The migration creates the single leadership row; a leader takes it over.
        var leadership = await db.Leadership.SingleAsync(l => l.Id == LeadershipEntity.SingletonId);
        leadership.Epoch = 7;
        leadership.LeaderAddress = LeaderAddress;
        leadership.Since = Now.AddHours(-1);
        await db.SaveChangesAsync();
    }

    private static void AddCompleted(PerfFleetDbContext db, Guid id, LoadTestKind kind, string commit, DateTimeOffset finished, double p99, int? pullRequest)
    {
        var test = Test(id, kind, commit, LoadTestStatus.Completed, finished.AddMinutes(-3));
        test.PullRequest = pullRequest;
        test.Branch = kind == LoadTestKind.Baseline ? "master" : "feature/cache";
        test.AssignedWorker = "worker-1";
        test.Attempts = 1;
        test.StartedAt = finished.AddMinutes(-2);
        test.FinishedAt = finished;
        test.Verdict = kind == LoadTestKind.Test ? TestVerdict.Regression : null;
        db.LoadTests.Add(test);

        var at = test.CreatedAt;
        foreach (var status in new[] { LoadTestStatus.Scheduled, LoadTestStatus.Assigned, LoadTestStatus.Running, LoadTestStatus.Collecting, LoadTestStatus.Completed })
        {
            db.TestStateEvents.Add(new TestStateEventEntity { TestId = id, Status = status, At = at, Reason = status == LoadTestStatus.Assigned ? "worker-1" : null });
            at = at.AddSeconds(status == LoadTestStatus.Running ? 60 : 15);
        }

        var windowStart = finished.AddSeconds(-90);
        db.TestResults.Add(new TestResultEntity
        {
            TestId = id,
            Attempt = 1,
            WorkerId = "worker-1",
            LoadSummary = Summary(windowStart, p99).ToByteArray(),
            QueryResults = ResultPayloads.Pack(new[]
            {
                Query("p99_latency_ms", "histogram_quantile(0.99, rate(http_duration_bucket[15s])) * 1000", Better.Lower, 10, windowStart, p99, 4),
                Query("throughput_rps", "sum(rate(http_requests_total[15s]))", Better.Higher, 5, windowStart, 500, 10),
            }),
            ResourceSeries = [],
            StoredAt = finished,
        });
    }

    private static LoadTestEntity Test(Guid id, LoadTestKind kind, string commit, LoadTestStatus status, DateTimeOffset created) => new()
    {
        Id = id,
        Kind = kind,
        Repository = Repository,
        CloneUrl = $"https://github.com/{Repository}.git",
        Commit = commit,
        Scenario = Scenario,
        Status = status,
        Rate = 500,
        Duration = TimeSpan.FromSeconds(60),
        CreatedAt = created,
        UpdatedAt = created,
        Tag = "api-load",
    };

    private static WorkerEntity Worker(string id, DateTimeOffset heartbeat, int usedTests) => new()
    {
        Id = id,
        Address = $"http://{id}.internal:5091",
        CapacityConcurrentTests = 4,
        CapacityRequestRate = 5000,
        CapacityCores = 8,
        UsedConcurrentTests = usedTests,
        UsedRequestRate = usedTests * 500,
        UsedCores = usedTests * 1.5,
        LastHeartbeatAt = heartbeat,
        RegisteredAt = Now.AddDays(-3),
        HighestEpochSeen = 7,
    };

    private static QueryResult Query(string name, string promql, Better better, double threshold, DateTimeOffset start, double level, double wobble)
    {
        var series = new Series();
        series.Labels.Add("job", "sut");
        for (var i = 0; i < 60; i++)
        {
            // A deterministic wobble around the level, so the line has a visible shape.
            var value = level + (wobble * Math.Sin(i / 4.0)) + (i % 7 * wobble / 10);
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(start.AddSeconds(i)), Value = value });
        }

        var result = new QueryResult { Name = name, Promql = promql, Better = better, ThresholdPercent = threshold };
        result.Series.Add(series);
        return result;
    }

    private static LoadSummary Summary(DateTimeOffset start, double p99)
    {
        var total = new LoadStats
        {
            Requests = 30_000,
            Responses = 29_988,
            Errors = 15,
            Late = 4,
            Dropped = 0,
            AchievedRate = 498.7,
            LatencyIntended = LatencyHistogram(p99 * 1.1),
            LatencyService = LatencyHistogram(p99),
        };
        total.StatusCodes.Add(200, 29_976);
        total.StatusCodes.Add(503, 12);
        total.ErrorsByKind.Add("timeout", 3);
        return new LoadSummary
        {
            WindowStart = Timestamp.FromDateTimeOffset(start),
            WindowEnd = Timestamp.FromDateTimeOffset(start.AddSeconds(60)),
            RequestedRate = 500,
            Tag = "api-load",
            Total = total,
        };
    }

    private static Histogram LatencyHistogram(double p99) => new()
    {
        TotalCount = 29_988,
        Percentiles = new LatencyPercentiles { P50Ms = p99 / 4, P90Ms = p99 / 2, P99Ms = p99, P999Ms = p99 * 1.5, MaxMs = p99 * 3, MeanMs = p99 / 3.5 },
    };

    private Contracts.V1.Comparison RegressionComparison()
    {
        var comparison = new Contracts.V1.Comparison
        {
            TestId = TestId.ToString(),
            BaselineTestId = BaselineId.ToString(),
            BaselineCommit = BaselineCommit,
            Alpha = 0.05,
            Verdict = Verdict.Regression,
            ComputedAt = Timestamp.FromDateTimeOffset(Now.AddHours(-2)),
        };
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "p99_latency_ms", Source = "query", Better = Better.Lower, ThresholdPercent = 10,
            BaselineMedian = 100.4, TestMedian = 135.2, ChangePercent = 34.66, PValue = 0.00002, UStatistic = 12,
            BaselineSamples = 60, TestSamples = 60, Verdict = Verdict.Regression,
        });
        comparison.Metrics.Add(new MetricComparison
        {
            Metric = "throughput_rps", Source = "query", Better = Better.Higher, ThresholdPercent = 5,
            BaselineMedian = 500.9, TestMedian = 500.4, ChangePercent = -0.1, PValue = 0.41, UStatistic = 1700,
            BaselineSamples = 60, TestSamples = 60, Verdict = Verdict.Unchanged,
        });
        return comparison;
    }
}
