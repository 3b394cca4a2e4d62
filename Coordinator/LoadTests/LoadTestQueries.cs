using Microsoft.EntityFrameworkCore;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Reads for the admin API: List, Get (with results and comparison) and the timeline.</summary>
public sealed class LoadTestQueries(IDbContextFactory<PerfFleetDbContext> contexts, RunLinks links)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<ListTestsResponse> ListAsync(ListTestsRequest request, CancellationToken cancellationToken)
    {
        if (request.PageSize < 0)
        {
            ApiErrors.InvalidArgument("page_size", "must not be negative");
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var statuses = new List<LoadTestStatus>();
        foreach (var status in request.Status)
        {
            statuses.Add(status.ToEntity() ?? throw ApiErrors.InvalidArgumentError("status", $"{status} is not a test status"));
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.LoadTests.AsNoTracking();
        if (statuses.Count > 0)
        {
            query = query.Where(t => statuses.Contains(t.Status));
        }

        if (request.Id.Length > 0)
        {
            query = Guid.TryParse(request.Id, out var exact)
                ? query.Where(t => t.Id == exact)
                : TestIds.Fragment(request.Id) is { } fragment
                    ? TestIds.Matching(query, fragment)
                    : throw ApiErrors.InvalidArgumentError("id", "must be a test id or its first or last characters");
        }

        if (request.Repository.Length > 0)
        {
            query = query.Where(t => t.Repository == request.Repository);
        }

        if (request.Commit.Length > 0)
        {
            if (!IsHexPrefix(request.Commit))
            {
                throw ApiErrors.InvalidArgumentError("commit", "must be a commit SHA or a prefix of one");
            }

            var commit = request.Commit.ToLowerInvariant();
            query = query.Where(t => t.Commit.StartsWith(commit));
        }

        if (request.Kind != TestKind.Unspecified)
        {
            var kind = request.Kind.ToEntity() ?? throw ApiErrors.InvalidArgumentError("kind", $"{request.Kind} is not a test kind");
            query = query.Where(t => t.Kind == kind);
        }

        if (request.Scenario.Length > 0)
        {
            query = query.Where(t => t.Scenario == request.Scenario);
        }

        var total = await query.CountAsync(cancellationToken);
        if (PageToken.Decode(request.PageToken) is { } after)
        {
            query = query.Where(t => t.CreatedAt < after.CreatedAt || (t.CreatedAt == after.CreatedAt && t.Id.CompareTo(after.Id) < 0));
        }

        var page = await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListTestsResponse { Total = total };
        response.Tests.AddRange(page.Take(pageSize).Select(t => t.ToProto(links)));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(last.CreatedAt, last.Id).Encode();
        }

        return response;
    }

    public async Task<LoadTestEntity> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await RequireTestAsync(context, id, cancellationToken);
    }

    /// <summary>Test <paramref name="id"/>, or NOT_FOUND naming it.</summary>
    internal static async Task<LoadTestEntity> RequireTestAsync(PerfFleetDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var test = await context.LoadTests.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (test is null)
        {
            ApiErrors.NotFound($"no test with id {id}");
        }

        return test;
    }

    public async Task<TestDetails> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var test = await RequireTestAsync(context, id, cancellationToken);
        var details = new TestDetails { Test = test.ToProto(links) };
        if (await StoredRuns.LoadAsync(context, test, cancellationToken) is { } run)
        {
            details.Summary = run.Summary;
            details.Queries.AddRange(run.Queries);
            details.Resources.AddRange(run.Resources ?? []);
        }

        var comparison = await context.Comparisons.AsNoTracking().SingleOrDefaultAsync(c => c.TestId == id, cancellationToken);
        if (comparison is not null)
        {
            var parsed = Contracts.V1.Comparison.Parser.ParseFrom(comparison.Metrics);

            // A baseline run is compared with the baseline before it (a regression that landed).
            if (test.Kind == LoadTestKind.Baseline)
            {
                details.PreviousBaseline = parsed;
            }
            else
            {
                details.Comparison = parsed;
            }
        }

        details.Timeline.AddRange(await TimelineAsync(context, test, afterEventId: 0, cancellationToken));
        return details;
    }

    /// <summary>The test's state events after <paramref name="afterEventId"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<TestEvent>> TimelineAsync(PerfFleetDbContext context, LoadTestEntity test, long afterEventId, CancellationToken cancellationToken)
    {
        var events = await context.TestStateEvents.AsNoTracking().Where(e => e.TestId == test.Id && e.Id > afterEventId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return events.Select(e => new TestEvent
        {
            Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.At),
            Test = new LoadTest { Id = test.Id.ToString(), Status = e.Status.ToProto(), StatusReason = e.Reason ?? string.Empty },
        }).ToList();
    }

    private static bool IsHexPrefix(string value) => value.Length is > 0 and <= 64 && value.All(char.IsAsciiHexDigit);
}
