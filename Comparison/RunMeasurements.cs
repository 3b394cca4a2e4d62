using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// One run's results as the comparison needs them. <c>Queries</c>: the scenario's PromQL results;
/// a query's samples are all samples of all its series. <c>Summary</c>: the load engine's summary,
/// or null when the run used an external load generator. <c>EngineSamples</c>: optional
/// per-interval samples of the engine metrics keyed by <see cref="EngineMetrics"/> names (e.g. one
/// p99 per second); when present they are compared like a query's window, when absent the
/// summary's single value per run is compared by threshold only, and the verdict's reason says so.
/// <c>Resources</c>: the CPU and memory series of the stack's containers as the worker reported
/// them, or null when the caller has none to compare (then no resource rows are made).
/// <c>Repetitions</c>: a paired run's interleaved repetitions (baseline and test commit, one
/// fresh stack and window each), or null for a run measured once.
/// </summary>
public sealed record RunMeasurements(
    string TestId,
    string Commit,
    IReadOnlyList<QueryResult> Queries,
    LoadSummary? Summary,
    IReadOnlyDictionary<string, IReadOnlyList<double>>? EngineSamples = null,
    IReadOnlyList<ResourceSeries>? Resources = null,
    IReadOnlyList<Repetition>? Repetitions = null);
