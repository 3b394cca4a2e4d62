using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Fleet;

/// <summary>
/// What a worker sends for a paired run: a header, one repetition per (pair, role) with its own
/// window, query and load summary, the last test repetition's results at the top level, and the
/// final status. <c>testLevels[i]</c> / <c>baselineLevels[i]</c> are pair i's latency level.
/// </summary>
public static class PairedReports
{
    public const string QueryName = "p99_latency_ms";

    public static IReadOnlyList<ResultChunk> Report(string testId, string workerId, string baselineCommit, string commit, IReadOnlyList<double> baselineLevels, IReadOnlyList<double> testLevels, int attempt = 1)
    {
        ArgumentNullException.ThrowIfNull(baselineLevels);
        ArgumentNullException.ThrowIfNull(testLevels);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var chunks = new List<ResultChunk>
        {
            new() { Header = new ResultHeader { TestId = testId, WorkerId = workerId, Attempt = attempt, Epoch = 1, StartedAt = Timestamp.FromDateTimeOffset(start) } },
        };
        Repetition? last = null;
        for (var pair = 0; pair < testLevels.Count; pair++)
        {
            // The order inside a pair alternates, as a randomised order would over many pairs.
            var roles = pair % 2 == 0 ? new[] { RepetitionRole.Baseline, RepetitionRole.Test } : [RepetitionRole.Test, RepetitionRole.Baseline];
            for (var order = 0; order < 2; order++)
            {
                var role = roles[order];
                var windowStart = start.AddSeconds(40 * ((2 * pair) + order));
                var level = role == RepetitionRole.Baseline ? baselineLevels[pair] : testLevels[pair];
                var repetition = Repetition(pair + 1, role, role == RepetitionRole.Baseline ? baselineCommit : commit, order, windowStart, level);
                chunks.Add(new ResultChunk { Repetition = repetition });
                if (role == RepetitionRole.Test)
                {
                    last = repetition;
                }
            }
        }

        if (last is not null)
        {
            chunks.Insert(1, new ResultChunk { Summary = last.Summary });
            chunks.Insert(2, new ResultChunk { Query = last.Queries[0] });
        }

        chunks.Add(new ResultChunk { Final = new ResultFinal { Status = TestStatus.Completed, FinishedAt = Timestamp.FromDateTimeOffset(start.AddMinutes(9)) } });
        return chunks;
    }

    public static Repetition Repetition(int pair, RepetitionRole role, string commit, int order, DateTimeOffset windowStart, double level)
    {
        var series = new Series { Labels = { ["instance"] = "sut" } };
        for (var i = 0; i < 15; i++)
        {
            // A little movement inside the window, the same for both roles: the level decides.
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(windowStart.AddSeconds(2 * i)), Value = level * (1 + ((i % 3) - 1) * 0.002) });
        }

        var query = new QueryResult { Name = QueryName, Promql = "histogram_quantile(0.99, rate(x[10s]))", Better = Better.Lower, ThresholdPercent = 10 };
        query.Series.Add(series);
        return new Repetition
        {
            Pair = pair,
            Role = role,
            Commit = commit,
            Order = order,
            StartedAt = Timestamp.FromDateTimeOffset(windowStart.AddSeconds(-5)),
            Summary = new LoadSummary
            {
                WindowStart = Timestamp.FromDateTimeOffset(windowStart),
                WindowEnd = Timestamp.FromDateTimeOffset(windowStart.AddSeconds(30)),
                RequestedRate = 100,
                Total = new LoadStats
                {
                    Requests = 3000, Responses = 3000, AchievedRate = 100, StatusCodes = { [200] = 3000 },
                    LatencyIntended = new Histogram { TotalCount = 3000, Percentiles = new LatencyPercentiles { P50Ms = level / 2, P99Ms = level } },
                },
            },
            Queries = { query },
        };
    }

    /// <summary>Levels around <paramref name="level"/> with a relative spread that alternates in sign: deterministic noise.</summary>
    public static double[] Levels(double level, int pairs, double spread = 0.005) =>
        [.. Enumerable.Range(0, pairs).Select(i => level * (1 + (((i * 7) % 5) - 2) / 2.0 * spread))];
}
