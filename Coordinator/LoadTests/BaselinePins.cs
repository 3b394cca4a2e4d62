using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Pinned baselines (perffleet baselines pin/unpin/list): at most one per repository and
/// scenario, the one runs are compared with while it is pinned.
/// </summary>
public sealed class BaselinePins(IDbContextFactory<PerfFleetDbContext> contexts)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 500;

    public async Task<BaselineInfo> PinAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var test = await RequirePinnableAsync(context, id, cancellationToken);

        // Two pins of one repository and scenario at once would each unpin the rows the other
        // had not committed yet and both stay pinned; the lock makes the second wait for the first.
        var key = $"perffleet.pin:{test.Repository}/{test.Scenario}";
        await context.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        await context.LoadTests
            .Where(t => t.Repository == test.Repository && t.Scenario == test.Scenario && t.Kind == LoadTestKind.Baseline && t.PinnedBaseline && t.Id != id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.PinnedBaseline, false), cancellationToken);
        await context.LoadTests.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.PinnedBaseline, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        test.PinnedBaseline = true;
        return ToInfo(test);
    }

    /// <summary>Idempotent: an unpinned baseline answers with its state.</summary>
    public async Task<BaselineInfo> UnpinAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var test = await LoadTestQueries.RequireTestAsync(context, id, cancellationToken);
        if (test.Kind != LoadTestKind.Baseline)
        {
            ApiErrors.FailedPrecondition($"test {id} is a {KindName(test.Kind)} run, not a baseline: only baselines are pinned");
        }

        await context.LoadTests.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.PinnedBaseline, false), cancellationToken);
        test.PinnedBaseline = false;
        return ToInfo(test);
    }

    public async Task<ListBaselinesResponse> ListAsync(ListBaselinesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Repository.Length == 0)
        {
            ApiErrors.InvalidArgument("repository", "is required (owner/name)");
        }

        if (!InputRules.RepositoryName().IsMatch(request.Repository))
        {
            ApiErrors.InvalidArgument("repository", $"'{ApiErrors.Truncate(request.Repository)}' is not owner/name");
        }

        if (request.Scenario.Length > 0 && !InputRules.ScenarioName().IsMatch(request.Scenario))
        {
            ApiErrors.InvalidArgument("scenario", $"'{ApiErrors.Truncate(request.Scenario)}' is not a scenario name (letters, digits, '_', '.', '-')");
        }

        if (request.Limit < 0 || request.Limit > MaxLimit)
        {
            ApiErrors.InvalidArgument("limit", $"must be between 0 (default {DefaultLimit}) and {MaxLimit}");
        }

        var limit = request.Limit == 0 ? DefaultLimit : request.Limit;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await Baselines.NewestFirst(Baselines.Completed(context, request.Repository, request.Scenario))
            .Take(limit)
            .ToListAsync(cancellationToken);
        var current = await Baselines.CurrentAsync(context, request.Repository, request.Scenario, cancellationToken);
        var response = new ListBaselinesResponse { CurrentTestId = current?.Id.ToString() ?? string.Empty };
        response.Baselines.AddRange(newest.Select(ToInfo));
        return response;
    }

    public static BaselineInfo ToInfo(LoadTestEntity test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new BaselineInfo
        {
            TestId = test.Id.ToString(),
            Repository = test.Repository ?? string.Empty,
            Scenario = test.Scenario ?? string.Empty,
            Commit = test.Commit,
            FinishedAt = test.FinishedAt is { } f ? Timestamp.FromDateTimeOffset(f) : null,
            Pinned = test.PinnedBaseline,
            Verdict = test.Verdict.ToProto(),
        };
    }

    private static async Task<LoadTestEntity> RequirePinnableAsync(PerfFleetDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var test = await LoadTestQueries.RequireTestAsync(context, id, cancellationToken);
        if (test.Kind != LoadTestKind.Baseline)
        {
            ApiErrors.FailedPrecondition($"test {id} is a {KindName(test.Kind)} run, not a baseline: only a completed baseline can be pinned");
        }

        if (test.Status != LoadTestStatus.Completed)
        {
            ApiErrors.FailedPrecondition($"baseline {id} is {test.Status.ToString().ToLowerInvariant()}: only a completed baseline can be pinned");
        }

        if (test.Repository is null)
        {
            ApiErrors.FailedPrecondition($"baseline {id} has no repository: only a repository's baseline can be pinned");
        }

        return test;
    }

    private static string KindName(LoadTestKind kind) => kind == LoadTestKind.Adhoc ? "ad-hoc" : "test";
}
