using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>Everything a worker streamed for one test attempt.</summary>
public sealed record ReceivedResults(
    ResultHeader Header,
    LoadSummary? Summary,
    IReadOnlyList<QueryResult> Queries,
    IReadOnlyList<ResourceSeries> Resources,
    ResultFinal Final,
    IReadOnlyList<Repetition>? Repetitions = null);
