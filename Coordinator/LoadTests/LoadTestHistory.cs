using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Comparison.ChangePoints;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// One metric across the baseline runs of a repository and scenario (Boulder's "historic
/// performance"), with the test runs compared against each. Values are computed from the stored
/// results, so every metric the runs measured has a history, compared or not. The baselines'
/// steps come with it (<see cref="ChangePointDetector"/>), and which baseline is pinned.
/// </summary>
public sealed class LoadTestHistory(IDbContextFactory<PerfFleetDbContext> contexts, IOptions<ChangePointOptions> changePoints, IOptions<ComparisonOptions> comparison)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<HistoryResponse> GetAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        if (request.Repository.Length == 0)
        {
            ApiErrors.InvalidArgument("repository", "is required");
        }

        if (request.Query.Length == 0)
        {
            ApiErrors.InvalidArgument("query", "is required (a query name of the scenario, or engine.p99_ms, engine.achieved_rate, engine.error_rate, engine.capacity_rps)");
        }

        if (request.Limit < 0)
        {
            ApiErrors.InvalidArgument("limit", "must not be negative");
        }

        var limit = request.Limit == 0 ? DefaultLimit : Math.Min(request.Limit, MaxLimit);
        var scenario = request.Scenario.Length == 0 ? null : request.Scenario;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var baselines = await Baselines.NewestFirst(Baselines.Completed(context, request.Repository, scenario))
            .Take(limit)
            .ToListAsync(cancellationToken);
        baselines.Reverse();
        var baselineIds = baselines.Select(b => b.Id).ToList();

        var compared = await context.Comparisons.AsNoTracking()
            .Where(c => c.BaselineTestId != null && baselineIds.Contains(c.BaselineTestId.Value))
            .Join(context.LoadTests.Where(t => t.Kind != LoadTestKind.Baseline && t.Status == LoadTestStatus.Completed), c => c.TestId, t => t.Id, (c, t) => new { Comparison = c, Test = t })
            .ToListAsync(cancellationToken);

        var ids = baselineIds.Concat(compared.Select(c => c.Test.Id)).ToList();
        var results = await context.TestResults.AsNoTracking().Where(r => ids.Contains(r.TestId)).ToListAsync(cancellationToken);
        var latest = results.GroupBy(r => r.TestId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Attempt)!);
        var baselineComparisons = await context.Comparisons.AsNoTracking().Where(c => baselineIds.Contains(c.TestId)).ToDictionaryAsync(c => c.TestId, cancellationToken);

        var response = new HistoryResponse();
        foreach (var baseline in baselines)
        {
            if (Median(latest.GetValueOrDefault(baseline.Id), request.Query) is { } median && double.IsFinite(median))
            {
                response.Baselines.Add(Point(baseline, median, MetricVerdict(baselineComparisons.GetValueOrDefault(baseline.Id), request.Query), baselineId: null));
            }
        }

        foreach (var item in compared.OrderBy(c => c.Test.FinishedAt))
        {
            if (Median(latest.GetValueOrDefault(item.Test.Id), request.Query) is { } median && double.IsFinite(median))
            {
                response.Tests.Add(Point(item.Test, median, MetricVerdict(item.Comparison, request.Query), item.Comparison.BaselineTestId));
            }
        }

        foreach (var step in ChangePointDetector.Find(response.Baselines.Select(b => b.Median).ToList(), changePoints.Value.RulesFor(request.Query, comparison.Value)))
        {
            var first = response.Baselines[step.FirstAfterIndex];
            response.ChangePoints.Add(new HistoryChangePoint
            {
                Index = step.FirstAfterIndex,
                TestId = first.TestId,
                Commit = first.Commit,
                ChangePercent = step.ChangePercent,
                Before = step.MedianBefore,
                After = step.MedianAfter,
            });
        }

        return response;
    }

    /// <summary>The run's median of <paramref name="metric"/>: a query's samples, or the engine's summary value.</summary>
    public static double? Median(TestResultEntity? result, string metric)
    {
        if (result is null)
        {
            return null;
        }

        if (metric.StartsWith("engine.", StringComparison.Ordinal))
        {
            return result.LoadSummary is { } summary ? EngineMetrics.SingleValue(LoadSummary.Parser.ParseFrom(summary), metric) : null;
        }

        var query = ResultPayloads.Unpack(result.QueryResults, QueryResult.Parser).FirstOrDefault(q => q.Name == metric && q.Error.Length == 0);
        var samples = query?.Series.SelectMany(s => s.Samples).Select(s => s.Value).Where(double.IsFinite).ToList();
        return samples is { Count: > 0 } ? SampleStatistics.Median(samples) : null;
    }

    /// <summary>
    /// The verdict of <paramref name="metric"/> alone, as the history page marks it: a run that
    /// regressed elsewhere may have improved this one. Unspecified when the run was not compared
    /// or its comparison has no row for the metric.
    /// </summary>
    private static Verdict MetricVerdict(ComparisonEntity? comparison, string metric) =>
        comparison is null
            ? Verdict.Unspecified
            : Contracts.V1.Comparison.Parser.ParseFrom(comparison.Metrics).Metrics.FirstOrDefault(m => m.Metric == metric)?.Verdict ?? Verdict.Unspecified;

    private static HistoryPoint Point(LoadTestEntity test, double median, Verdict verdict, Guid? baselineId) => new()
    {
        TestId = test.Id.ToString(),
        Commit = test.Commit,
        Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(test.FinishedAt ?? test.CreatedAt),
        Median = median,
        Kind = test.Kind.ToProto(),
        Verdict = verdict,
        PullRequest = test.PullRequest ?? 0,
        BaselineTestId = baselineId?.ToString() ?? string.Empty,
        Pinned = test.Kind == LoadTestKind.Baseline && test.PinnedBaseline,
    };
}
