using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Comparison;

/// <summary>
/// One run's results as the comparison needs them. <c>Queries</c>: the scenario's PromQL results;
/// a query's samples are all samples of all its series. <c>Summary</c>: the load engine's summary,
/// or null when the run used an external load generator. <c>EngineSamples</c>: optional
/// per-interval samples of the engine metrics keyed by <see cref="EngineMetrics"/> names (e.g. one
/// p99 per second); when present they get the rank test like a query, when absent the summary's
/// single value per run is compared by threshold only (a rank test of one value against one value
/// can never be significant), and the verdict's reason says so. <c>Resources</c>: the CPU and memory
/// series of the stack's containers as the worker reported them, or null when the caller has none
/// to compare (then no resource rows are made).
/// </summary>
public sealed record RunMeasurements(
    string TestId,
    string Commit,
    IReadOnlyList<QueryResult> Queries,
    LoadSummary? Summary,
    IReadOnlyDictionary<string, IReadOnlyList<double>>? EngineSamples = null,
    IReadOnlyList<ResourceSeries>? Resources = null,
    IReadOnlyList<Repetition>? Repetitions = null);
