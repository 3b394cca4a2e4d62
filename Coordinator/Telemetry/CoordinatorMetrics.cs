using System.Diagnostics.Metrics;
using PerfFleet.Coordinator.Leadership;

namespace PerfFleet.Coordinator.Telemetry;

/// <summary>
/// The coordinator's own instruments (meter <c>PerfFleet.Coordinator</c>), exposed on
/// <c>/metrics</c>. Database-derived gauges read the latest <see cref="FleetSnapshot"/>, refreshed
/// in the background, so a scrape never waits on the database.
/// </summary>
public sealed class CoordinatorMetrics : IDisposable
{
    public const string MeterName = "PerfFleet.Coordinator";

    private readonly Meter meter = new(MeterName);
    private volatile FleetSnapshot snapshot = FleetSnapshot.Empty;

    public CoordinatorMetrics(ILeadership leadership, TimeProvider time)
    {
        meter.CreateObservableGauge("perffleet.leader", () => leadership.IsLeader ? 1 : 0, description: "1 while this coordinator leads");
        meter.CreateObservableGauge("perffleet.leader.epoch", () => leadership.Epoch, description: "The leadership epoch this coordinator holds (0 when following)");
        meter.CreateObservableGauge("perffleet.queue.depth", () => snapshot.TestsByStatus.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("status", p.Key))), description: "Load tests by status");
        meter.CreateObservableGauge("perffleet.outbox.depth", () => snapshot.OutboxPending, description: "Reports waiting to be sent");
        meter.CreateObservableGauge("perffleet.outbox.retrying", () => snapshot.OutboxRetrying, description: "Reports waiting after at least one failed attempt");
        meter.CreateObservableGauge(
            "perffleet.worker.heartbeat.age",
            () => snapshot.LastHeartbeats.Select(p => new Measurement<double>((time.GetUtcNow() - p.Value).TotalSeconds, new KeyValuePair<string, object?>("worker", p.Key))),
            unit: "s",
            description: "Seconds since each worker's last heartbeat");
        WebhookDeliveries = meter.CreateCounter<long>("perffleet.webhook.deliveries", description: "GitHub webhook deliveries by HTTP status");
        Dispatches = meter.CreateCounter<long>("perffleet.dispatches", description: "Worker.Start calls by outcome");
        ScheduleToStart = meter.CreateHistogram<double>("perffleet.schedule_to_start", unit: "s", description: "From a test's creation to a worker accepting it");
    }

    public Counter<long> WebhookDeliveries { get; }

    public Counter<long> Dispatches { get; }

    public Histogram<double> ScheduleToStart { get; }

    public void Update(FleetSnapshot next) => snapshot = next;

    public void Dispose() => meter.Dispose();
}
