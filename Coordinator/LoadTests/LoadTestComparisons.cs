using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Comparison;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Comparison;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Compares any two runs that have results (Boulder's "comparison of result sets"): a rerun
/// against its original to see the noise, two pull requests against each other, a run against an
/// older baseline. The same <see cref="RunComparer"/> as the baseline comparison judges the first
/// run as if the second were its baseline. Computed on the fly; nothing is stored or reported.
/// </summary>
public sealed class LoadTestComparisons(IDbContextFactory<PerfFleetDbContext> contexts, RunComparer comparer)
{
    /// <summary>
    /// <paramref name="id"/> judged against <paramref name="againstId"/>. NOT_FOUND names an unknown
    /// id; FAILED_PRECONDITION a run without (readable) results, with its state.
    /// </summary>
    public async Task<Contracts.V1.Comparison> CompareAsync(Guid id, Guid againstId, CancellationToken cancellationToken) =>
        (await CompareRunsAsync(id, againstId, cancellationToken)).Comparison;

    /// <summary>As <see cref="CompareAsync"/>, with the two runs it read, for a caller that shows them too.</summary>
    public async Task<ComparedRuns> CompareRunsAsync(Guid id, Guid againstId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var (test, testRun) = await MeasurementsAsync(context, id, cancellationToken);
        var (against, againstRun) = await MeasurementsAsync(context, againstId, cancellationToken);
        return new ComparedRuns(test, against, comparer.Compare(testRun, againstRun));
    }

    private static async Task<(LoadTestEntity Test, RunMeasurements Measurements)> MeasurementsAsync(PerfFleetDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var test = await LoadTestQueries.RequireTestAsync(context, id, cancellationToken);
        RunMeasurements? measurements = null;
        try
        {
            measurements = await StoredRuns.LoadAsync(context, test, cancellationToken);
        }
        catch (InvalidProtocolBufferException)
        {
            ApiErrors.FailedPrecondition($"the stored results of test {id} cannot be read (written by a newer worker, or damaged)");
        }

        if (measurements is null)
        {
            ApiErrors.FailedPrecondition($"test {id} has no results to compare (it is {StorageNaming.ToSnakeCase(test.Status.ToString())})");
        }

        return (test, measurements);
    }
}
