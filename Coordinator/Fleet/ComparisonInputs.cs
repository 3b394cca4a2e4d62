using Microsoft.EntityFrameworkCore;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// What a completed test is judged on: a paired run's repetitions, pooled with those of the
/// earlier tests of its pool (a test and its more-pairs follow-ups), or for an unpaired run the
/// stored baselines it is compared with.
/// </summary>
public static class ComparisonInputs
{
    /// <summary>The first test of <paramref name="test"/>'s pool: itself, unless it only added pairs to an earlier one.</summary>
    public static async Task<LoadTestEntity> PoolRootAsync(PerfFleetDbContext context, LoadTestEntity test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(test);
        if (test.FollowUp != TestFollowUp.MorePairs || test.FollowUpOf is not { } rootId)
        {
            return test;
        }

        return await context.LoadTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == rootId, cancellationToken) ?? test;
    }

    /// <summary>
    /// The repetitions of the whole pool, oldest test first, with pairs numbered on across tests
    /// (each test numbers its own from 1), then <paramref name="received"/>'s. Empty when the run
    /// is unpaired.
    /// </summary>
    public static async Task<IReadOnlyList<Repetition>> PooledRepetitionsAsync(
        PerfFleetDbContext context, LoadTestEntity test, LoadTestEntity poolRoot, IReadOnlyList<Repetition> received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(received);
        if (!IsPaired(received))
        {
            return [];
        }

        var earlierIds = await context.LoadTests.AsNoTracking()
            .Where(t => t.Id != test.Id && t.Status == LoadTestStatus.Completed
                && (t.Id == poolRoot.Id || (t.FollowUpOf == poolRoot.Id && t.FollowUp == TestFollowUp.MorePairs)))
            .OrderBy(t => t.CreatedAt)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var stored = await context.TestResults.AsNoTracking().Where(r => earlierIds.Contains(r.TestId)).ToDictionaryAsync(r => r.TestId, cancellationToken);
        var pooled = new List<Repetition>();
        foreach (var id in earlierIds)
        {
            if (stored.TryGetValue(id, out var result))
            {
                Append(pooled, ResultPayloads.Unpack(result.Repetitions, Repetition.Parser));
            }
        }

        Append(pooled, received);
        return pooled;
    }

    /// <summary>How far back past noisy baselines the choice looks: a bound on the rows read, not on the runs used.</summary>
    private const int NoisyScanFactor = 3;

    /// <summary>Pairs with both a baseline and a test repetition: the comparison's N.</summary>
    public static int CompletePairs(IReadOnlyList<Repetition> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        return repetitions.GroupBy(r => r.Pair).Count(g => g.Any(r => r.Role == RepetitionRole.Baseline) && g.Any(r => r.Role == RepetitionRole.Test));
    }

    /// <summary>
    /// The baselines an unpaired run is judged against, newest first: the pinned baseline alone
    /// when the repository pinned one, else the newest <see cref="ComparisonOptions.HistoryBaselines"/> completed
    /// baselines of the same repository and scenario, in ancestry order (<see cref="Baselines"/>); for
    /// a baseline whose commit depth is known, only those before its commit (a bisection's baseline of
    /// an older commit is judged on the history up to it). Never a run of the same commit: a baseline
    /// re-run of a commit is not evidence about that commit's change. Unless
    /// <see cref="ComparisonOptions.UseNoisyBaselines"/>, a baseline whose load generator fell
    /// behind (<see cref="NoisyRuns"/>) is passed over for an older one.
    /// </summary>
    public static async Task<IReadOnlyList<RunMeasurements>> BaselineHistoryAsync(PerfFleetDbContext context, LoadTestEntity test, ComparisonOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(test);
        if (test.Repository is null)
        {
            return [];
        }

        var candidates = Baselines.Completed(context, test.Repository, test.Scenario).Where(t => t.Id != test.Id && t.Commit != test.Commit);
        if (test.Kind == LoadTestKind.Baseline && test.CommitSequence is { } sequence)
        {
            candidates = Baselines.Before(candidates, sequence);
        }

        var pinned = await Baselines.Pinned(candidates).FirstOrDefaultAsync(cancellationToken);
        var count = options.HistoryBaselines;
        var baselines = pinned is not null
            ? [pinned]
            : await Baselines.NewestFirst(candidates).Take(count * NoisyScanFactor).ToListAsync(cancellationToken);
        var runs = new List<RunMeasurements>(count);
        foreach (var baseline in baselines)
        {
            if (await StoredRuns.LoadAsync(context, baseline, cancellationToken) is not { } run
                || (pinned is null && !options.UseNoisyBaselines && NoisyRuns.IsNoisy(run, options.LateRequestsPercent)))
            {
                continue;
            }

            runs.Add(run);
            if (runs.Count == count)
            {
                break;
            }
        }

        return runs;
    }

    private static bool IsPaired(IReadOnlyList<Repetition> repetitions) =>
        repetitions.Any(r => r.Role == RepetitionRole.Baseline) && repetitions.Any(r => r.Role == RepetitionRole.Test);

    private static void Append(List<Repetition> pooled, IReadOnlyList<Repetition> repetitions)
    {
        var offset = pooled.Count == 0 ? 0 : pooled.Max(r => r.Pair);
        foreach (var repetition in repetitions)
        {
            var copy = repetition.Clone();
            copy.Pair += offset;
            pooled.Add(copy);
        }
    }
}
