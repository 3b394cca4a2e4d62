using System.Diagnostics.Metrics;

namespace PerfFleet.Worker.Hosting;

/// <summary>The worker's own instruments (meter "PerfFleet.Worker"), exported on /metrics.</summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "PerfFleet.Worker";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _running;
    private readonly Counter<long> _heartbeatsSent;
    private readonly Counter<long> _heartbeatsFailed;
    private readonly Counter<long> _resultsReported;
    private readonly Counter<long> _resultsFailed;

    public WorkerMetrics(IMeterFactory meters, Func<(double ConcurrentTests, double RequestRate)> usedQuota)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _running = _meter.CreateUpDownCounter<long>("perffleet.worker.tests.running", "{test}", "Tests running on this worker");
        _heartbeatsSent = _meter.CreateCounter<long>("perffleet.worker.heartbeats.sent", "{heartbeat}", "Heartbeats a coordinator answered");
        _heartbeatsFailed = _meter.CreateCounter<long>("perffleet.worker.heartbeats.failed", "{heartbeat}", "Heartbeats no coordinator answered");
        _resultsReported = _meter.CreateCounter<long>("perffleet.worker.results.reported", "{result}", "Results a coordinator stored (or already had)");
        _resultsFailed = _meter.CreateCounter<long>("perffleet.worker.results.failed", "{result}", "Results given up on (every coordinator down, or the test re-assigned)");
        _meter.CreateObservableGauge("perffleet.worker.quota.used.tests", () => usedQuota().ConcurrentTests, "{test}", "Concurrent-test quota in use");
        _meter.CreateObservableGauge("perffleet.worker.quota.used.rate", () => usedQuota().RequestRate, unit: null, "Request-rate quota in use, in requests per second");
    }

    public void TestStarted() => _running.Add(1);

    public void TestEnded() => _running.Add(-1);

    public void HeartbeatSent() => _heartbeatsSent.Add(1);

    public void HeartbeatFailed() => _heartbeatsFailed.Add(1);

    public void ResultReported() => _resultsReported.Add(1);

    public void ResultFailed() => _resultsFailed.Add(1);

    public void Dispose() => _meter.Dispose();
}
