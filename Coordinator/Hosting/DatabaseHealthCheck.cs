using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Hosting;

/// <summary>
/// The coordinator serves only once its database is migrated and reachable: the gRPC health
/// service answers NOT_SERVING until then, as <c>/readyz</c> answers 503.
/// </summary>
public sealed class DatabaseHealthCheck(PerfFleetDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.IsReady
            ? HealthCheckResult.Healthy("database migrated and reachable")
            : HealthCheckResult.Unhealthy("database not ready"));
}
