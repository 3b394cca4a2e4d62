using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>Queries one page of runs, newest first, for a filter.</summary>
internal sealed class RunsPageLoader(IDbContextFactory<PerfFleetDbContext> contexts, IOptions<WebUiOptions> options, TimeProvider timeProvider)
{
    public async Task<RunsPageModel> LoadAsync(RunsFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.LoadTests.AsNoTracking();
        if (filter.Repository is not null)
        {
            query = query.Where(t => t.Repository == filter.Repository);
        }

        if (filter.Scenario is not null)
        {
            query = query.Where(t => t.Scenario == filter.Scenario);
        }

        if (filter.Kind is not null)
        {
            query = query.Where(t => t.Kind == filter.Kind);
        }

        if (filter.Status is not null)
        {
            query = query.Where(t => t.Status == filter.Status);
        }

        if (filter.Commit is not null)
        {
            // A prefix, as people paste short SHAs; the parser allowed hex digits only.
            query = query.Where(t => t.Commit.StartsWith(filter.Commit));
        }

        var pageSize = options.Value.PageSize;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Skip((filter.Page - 1) * pageSize)
            .Take(pageSize)
            .Select(t => new RunListItem(
                t.Id, t.Repository, t.Commit, t.CloneUrl, t.PullRequest, t.Scenario, t.Kind, t.Status, t.Verdict,
                t.CreatedAt, t.StartedAt, t.FinishedAt, t.ProgressPhase, t.StatusReason))
            .ToListAsync(cancellationToken);
        return new RunsPageModel(filter, rows, total, pageSize, timeProvider.GetUtcNow());
    }
}
