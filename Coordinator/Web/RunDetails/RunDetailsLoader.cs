using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>Reads one run with its timeline, results, comparison and the baseline's results.</summary>
internal sealed class RunDetailsLoader(IDbContextFactory<PerfFleetDbContext> contexts, StoredResultDecoder decoder, TimeProvider timeProvider)
{
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
        var result = await db.TestResults.AsNoTracking().FirstOrDefaultAsync(r => r.TestId == id, cancellationToken);
        var comparisonRow = await db.Comparisons.AsNoTracking().FirstOrDefaultAsync(c => c.TestId == id, cancellationToken);

        var problems = new List<string>();
        var summary = decoder.Summary(result, problems);
        var queries = decoder.Queries(result, problems);
        var comparison = decoder.Comparison(comparisonRow, problems);

        var baselineId = comparisonRow?.BaselineTestId;
        var baseline = baselineId is null ? null : await db.LoadTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == baselineId, cancellationToken);
        var baselineResult = baselineId is null ? null : await db.TestResults.AsNoTracking().FirstOrDefaultAsync(r => r.TestId == baselineId, cancellationToken);
        var baselineQueries = decoder.Queries(baselineResult, problems).ToDictionary(q => q.Name, StringComparer.Ordinal);

        var testLabel = $"this run ({DisplayText.ShortSha(test.Commit)})";
        var baselineLabel = baseline is null ? null : $"baseline ({DisplayText.ShortSha(baseline.Commit)})";
        var panels = queries
            .Select(q => QueryChartBuilder.Build(q, baselineQueries.GetValueOrDefault(q.Name), testLabel, baselineLabel))
            .ToList();

        return new RunDetailsModel(test, timeline, summary, panels, comparison, baseline, problems, timeProvider.GetUtcNow());
    }
}
