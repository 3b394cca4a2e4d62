using Microsoft.EntityFrameworkCore;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>Reads one run with its timeline, results, resource use, comparison, re-runs and the baseline's results.</summary>
internal sealed class RunDetailsLoader(IDbContextFactory<PerfFleetDbContext> contexts, StoredResultDecoder decoder, TimeProvider timeProvider)
{
    /// <summary>A run re-run (or followed up) more often than this shows this many only.</summary>
    private const int MaxReruns = 20;

    /// <returns>Null when no run has this id.</returns>
    public async Task<RunDetailsModel?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var test = await db.LoadTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (test is null)
        {
            return null;
        }

        var timeline = await db.TestStateEvents.AsNoTracking().Where(e => e.TestId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var result = await StoredRuns.LatestResultAsync(db, id, cancellationToken);
        var comparisonRow = await db.Comparisons.AsNoTracking().FirstOrDefaultAsync(c => c.TestId == id, cancellationToken);
        var reruns = await Related(db.LoadTests.Where(t => t.RerunOf == id).OrderByDescending(t => t.CreatedAt), cancellationToken);
        var followUps = await Related(db.LoadTests.Where(t => t.FollowUpOf == id).OrderBy(t => t.CreatedAt), cancellationToken);

        var problems = new List<string>();
        var summary = decoder.Summary(result, problems);
        var queries = decoder.Queries(result, problems);
        var resources = decoder.Resources(result, problems);
        var comparison = decoder.Comparison(comparisonRow, problems);

        var baselineId = comparisonRow?.BaselineTestId;
        var baseline = baselineId is null ? null : await db.LoadTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == baselineId, cancellationToken);
        var baselineResult = baselineId is null ? null : await StoredRuns.LatestResultAsync(db, baselineId.Value, cancellationToken);
        var baselineQueries = decoder.Queries(baselineResult, problems).ToDictionary(q => q.Name, StringComparer.Ordinal);
        var baselineResources = decoder.Resources(baselineResult, problems);

        var testLabel = $"this run ({DisplayText.ShortSha(test.Commit)})";
        var baselineLabel = baseline is null ? null : $"baseline ({DisplayText.ShortSha(baseline.Commit)})";
        var panels = queries
            .Select(q => QueryChartBuilder.Build(q, baselineQueries.GetValueOrDefault(q.Name), testLabel, baselineLabel))
            .ToList();

        return new RunDetailsModel(
            test,
            timeline,
            summary,
            panels,
            ResourceUsageBuilder.Build(resources, baselineResources, summary, decoder.Summary(baselineResult, problems), comparison),
            comparison,
            baseline,
            reruns,
            GitHubLinks.RepositoryUrl(test.CloneUrl),
            problems,
            timeProvider.GetUtcNow(),
            followUps);
    }

    private static Task<List<RelatedRun>> Related(IOrderedQueryable<Storage.Entities.LoadTestEntity> runs, CancellationToken cancellationToken) =>
        runs.AsNoTracking().Take(MaxReruns).Select(t => new RelatedRun(t.Id, t.Status, t.CreatedAt)).ToListAsync(cancellationToken);
}
