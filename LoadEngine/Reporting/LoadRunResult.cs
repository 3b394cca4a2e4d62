namespace PerfFleet.LoadEngine.Reporting;

/// <summary>
/// The summary of one run: the whole run, each target side by side (mirroring), each endpoint.
/// <see cref="LoadSummaryMapper.ToProto(LoadRunResult)"/> gives the protobuf <c>LoadSummary</c>.
/// </summary>
public sealed record LoadRunResult
{
    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>The mean requested rate over the window (0 for a closed-loop run).</summary>
    public double RequestedRate { get; init; }

    public string? Tag { get; init; }

    /// <summary>True when the run was stopped before its end (by hand or by <see cref="StopReason"/>).</summary>
    public bool Stopped { get; init; }

    /// <summary>Why a <c>stop_when</c> rule ended the load early; null when none did.</summary>
    public string? StopReason { get; init; }

    /// <summary>The plan's <see cref="Plans.LoadPlan.GeneratorLatenessLimit"/>.</summary>
    public TimeSpan GeneratorLatenessLimit { get; init; }

    /// <summary>
    /// The generator's lateness p99 (all targets) exceeded <see cref="GeneratorLatenessLimit"/>: the
    /// generator, not only the system under test, shaped this run's latency.
    /// </summary>
    public bool GeneratorBehind { get; init; }

    public required LoadStatsSummary Total { get; init; }

    /// <summary>Per target URL, in the plan's order.</summary>
    public required IReadOnlyDictionary<string, LoadStatsSummary> ByTarget { get; init; }

    /// <summary>Per endpoint name, all targets together.</summary>
    public required IReadOnlyDictionary<string, LoadStatsSummary> ByEndpoint { get; init; }

    /// <summary>Per stage of a staged plan, in order (all targets together); empty for a constant rate.</summary>
    public IReadOnlyList<LoadStageResult> Stages { get; init; } = [];

    public PerfFleet.Contracts.V1.LoadSummary ToProto() => LoadSummaryMapper.ToProto(this);
}
