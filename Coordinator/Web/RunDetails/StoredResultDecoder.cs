using Google.Protobuf;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// Decodes the protobuf payloads storage keeps. A payload that does not decode (a newer
/// worker's message, a damaged row) is logged and named on the page instead of failing it.
/// </summary>
internal sealed class StoredResultDecoder(ILogger<StoredResultDecoder> logger)
{
    public LoadSummary? Summary(TestResultEntity? result, List<string> problems) =>
        result?.LoadSummary is null ? null : Decode(result.TestId, "load summary", problems, () => LoadSummary.Parser.ParseFrom(result.LoadSummary));

    public IReadOnlyList<QueryResult> Queries(TestResultEntity? result, List<string> problems) =>
        result is null
            ? []
            : Decode(result.TestId, "query results", problems, () => ResultPayloads.Unpack(result.QueryResults, QueryResult.Parser)) ?? [];

    public IReadOnlyList<ResourceSeries> Resources(TestResultEntity? result, List<string> problems) =>
        result is null
            ? []
            : Decode(result.TestId, "resource series", problems, () => ResultPayloads.Unpack(result.ResourceSeries, ResourceSeries.Parser)) ?? [];

    public Contracts.V1.Comparison? Comparison(ComparisonEntity? comparison, List<string> problems) =>
        comparison is null ? null : Decode(comparison.TestId, "comparison", problems, () => Contracts.V1.Comparison.Parser.ParseFrom(comparison.Metrics));

    private T? Decode<T>(Guid testId, string what, List<string> problems, Func<T> decode)
        where T : class
    {
        try
        {
            return decode();
        }
        catch (InvalidProtocolBufferException exception)
        {
            WebUiLog.PayloadUndecodable(logger, what, testId, exception);
            problems.Add($"The stored {what} of this run could not be decoded; the coordinator's log has the details.");
            return null;
        }
    }
}
