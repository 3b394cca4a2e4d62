using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Queries;

/// <summary>Runs a scenario's PromQL queries over the measured window against the stack's Prometheus.</summary>
public interface IPrometheusQueryClient
{
    /// <summary>
    /// One <see cref="QueryResult"/> per query, in order. A query that fails (syntax error,
    /// Prometheus down) carries the error message; the others still run.
    /// </summary>
    Task<IReadOnlyList<QueryResult>> QueryAllAsync(Uri prometheus, IReadOnlyList<ScenarioQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}
