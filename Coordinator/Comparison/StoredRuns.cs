using Microsoft.EntityFrameworkCore;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>A run's stored results: its newest attempt's, as the API, the run page and a comparison read them.</summary>
public static class StoredRuns
{
    /// <summary>The newest attempt's result row of test <paramref name="testId"/>, or null when it has none.</summary>
    public static Task<TestResultEntity?> LatestResultAsync(PerfFleetDbContext context, Guid testId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TestResults.AsNoTracking().Where(r => r.TestId == testId).OrderByDescending(r => r.Attempt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The measurements of <paramref name="test"/>, or null when it has no stored results.</summary>
    /// <exception cref="Google.Protobuf.InvalidProtocolBufferException">A stored payload does not decode.</exception>
    public static async Task<RunMeasurements?> LoadAsync(PerfFleetDbContext context, LoadTestEntity test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(test);
        var stored = await LatestResultAsync(context, test.Id, cancellationToken);
        return stored is null
            ? null
            : new RunMeasurements(
                test.Id.ToString(),
                test.Commit,
                ResultPayloads.Unpack(stored.QueryResults, QueryResult.Parser),
                stored.LoadSummary is { } summary ? LoadSummary.Parser.ParseFrom(summary) : null,
                Resources: ResultPayloads.Unpack(stored.ResourceSeries, ResourceSeries.Parser),
                Repetitions: ResultPayloads.Unpack(stored.Repetitions, Repetition.Parser));
    }
}
