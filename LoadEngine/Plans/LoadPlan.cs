using PerfFleet.LoadEngine.Payloads;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// Everything one load run needs. Either <see cref="Rate"/> (constant, open model), or
/// <see cref="Stages"/> (ramping, open model; the duration is then the stages' sum), or
/// <see cref="ClosedLoop"/> (each connection sends as soon as its previous answer arrived: the
/// maximum-throughput mode used by the benchmark). Call <see cref="Validate"/> (the runner does)
/// to get a <see cref="LoadPlanException"/> naming the wrong field.
/// </summary>
public sealed record LoadPlan
{
    /// <summary>Absolute http:// or https:// URLs; more than one mirrors every request to each.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Requests per second (per target), for a constant-rate plan.</summary>
    public double? Rate { get; init; }

    public IReadOnlyList<RateStage> Stages { get; init; } = [];

    /// <summary>Send back-to-back on every connection instead of on a schedule (closed model, wrk-style).</summary>
    public bool ClosedLoop { get; init; }

    /// <summary>Load sent before the measured window; not in the statistics.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>The measured window (ignored with stages, whose durations add up to it).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections per target.</summary>
    public int Connections { get; init; } = 32;

    /// <summary>
    /// Requests outstanding at once per target. HTTP/1.1 has one per connection (no pipelining), so
    /// there it caps the connections; HTTP/2 multiplexes this many streams over the connections.
    /// </summary>
    public int MaxInFlight { get; init; } = 256;

    public LoadProtocol Protocol { get; init; } = LoadProtocol.Http1;

    /// <summary>Default per-request timeout; a payload line may set its own. A timeout counts as an error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<HeaderRule> HeaderRules { get; init; } = [];

    public ReplayPolicy Replay { get; init; } = ReplayPolicy.Loop;

    /// <summary>Where the requests come from; null sends <c>GET /</c>.</summary>
    public PayloadSource? Payloads { get; init; }

    /// <summary>Label of the engine's own metrics; null or empty = no metrics emitted (as in Shadower).</summary>
    public string? Tag { get; init; }

    /// <summary>Accept any TLS certificate (self-signed systems under test).</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>A request sent later than this after its intended time counts as late.</summary>
    public TimeSpan LateTolerance { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A run whose generator lateness p99 (send time after the moment a request could go out) exceeds
    /// this is marked <see cref="Reporting.LoadRunResult.GeneratorBehind"/>: its latencies carry the
    /// generator's delay (a busy machine), not only the system's.
    /// </summary>
    public TimeSpan GeneratorLatenessLimit { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Ends the load early when the error rate over a recent window is too high (<c>stop_when</c>); null = never.</summary>
    public ErrorRateStop? StopWhen { get; init; }

    /// <summary>The measured window's length: the duration, or the stages' sum.</summary>
    public TimeSpan MeasuredDuration => Stages.Count > 0 ? TimeSpan.FromTicks(Stages.Sum(s => s.For.Ticks)) : Duration;

    /// <summary>Throws a <see cref="LoadPlanException"/> naming the first wrong field.</summary>
    public void Validate() => LoadPlanValidator.Validate(this);
}
