using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>What a worker reports for a run: the load engine's summary and one latency query around a level.</summary>
public static class Measurements
{
    public const string Query = "http_p99";

    /// <summary>Twelve samples whose median is <paramref name="level"/>, with a little noise: enough for the rank test to tell levels apart.</summary>
    public static QueryResult LatencyQuery(double level)
    {
        var series = new Series { Labels = { ["instance"] = "sut" } };
        for (var i = 0; i < 12; i++)
        {
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(Seed.Created.AddSeconds(5 * i)), Value = level + (((i % 3) - 1) * 0.5) });
        }

        return new QueryResult { Name = Query, Promql = "histogram_quantile(0.99, rate(http_seconds_bucket[30s]))", Better = Better.Lower, ThresholdPercent = 10, Series = { series } };
    }

    public static LoadSummary Summary(double achievedRate, double p99Ms) => new()
    {
        WindowStart = Timestamp.FromDateTimeOffset(Seed.Created),
        WindowEnd = Timestamp.FromDateTimeOffset(Seed.Created.AddMinutes(1)),
        RequestedRate = 200,
        Total = new LoadStats
        {
            Requests = 12_000,
            Responses = 12_000,
            Errors = 3,
            AchievedRate = achievedRate,
            StatusCodes = { [200] = 11_997, [503] = 3 },
            LatencyIntended = new Histogram { Percentiles = new LatencyPercentiles { P50Ms = 4.2, P90Ms = 9.1, P99Ms = p99Ms, MaxMs = 80 } },
        },
    };

    /// <summary>One repetition of a paired run: its commit's latency query at <paramref name="level"/> and an engine summary.</summary>
    public static Repetition Repetition(int pair, RepetitionRole role, string commit, int order, double level) => new()
    {
        Pair = pair,
        Role = role,
        Commit = commit,
        Order = order,
        StartedAt = Timestamp.FromDateTimeOffset(Seed.Created),
        Summary = Summary(achievedRate: 199, p99Ms: level),
        Queries = { LatencyQuery(level) },
    };
}
