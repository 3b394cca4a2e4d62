namespace PerfFleet.Contracts.Scenarios;

/// <summary>The load to drive with the built-in engine.</summary>
/// <remarks>
/// <para>Targets: Base URLs; more than one mirrors every request to each.</para>
/// <para>Rate: Constant requests per second, or null when <paramref name="Stages"/> are given.</para>
/// <para>Requests: Path of the JSON-lines payload file inside the checkout, or null for <c>GET /</c>.</para>
/// </remarks>
public sealed record ScenarioLoad(
    IReadOnlyList<string> Targets,
    TimeSpan Warmup,
    TimeSpan Duration,
    double? Rate,
    IReadOnlyList<LoadStage> Stages,
    string? Requests,
    ReplayPolicy Replay,
    TimeSpan Timeout,
    IReadOnlyList<HeaderRule> Headers,
    string? Tag,
    int? Connections,
    int? MaxInFlight,
    LoadProtocol Protocol)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The <c>stop_when</c> rule that may end the load early, or null.</summary>
    public ErrorRateStop? StopWhen { get; init; }

    /// <summary>
    /// <c>compare_targets</c>: the mirrored targets are judged against each other, each later one
    /// against the first, in the same run (a duet: the same requests at the same moments).
    /// </summary>
    public bool CompareTargets { get; init; }

    /// <summary>The measured window: the stages' total when staged, else <see cref="Duration"/>.</summary>
    public TimeSpan MeasuredDuration =>
        Stages.Count > 0 ? Stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.For) : Duration;

    /// <summary>The highest rate the load asks for (what quota must cover).</summary>
    public double PeakRate => Rate ?? (Stages.Count > 0 ? Stages.Max(s => s.Rate) : 0);
}
