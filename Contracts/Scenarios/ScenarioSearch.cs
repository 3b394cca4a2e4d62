namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// A scenario's <c>search:</c> section: find the highest rate between <paramref name="From"/> and
/// <paramref name="To"/> requests/s that meets the SLO (an intended-time p99 at most
/// <paramref name="P99"/>, errors at most <paramref name="ErrorRatePercent"/> % of the requests; at
/// least one of the two is set), stepping up then bisecting with probes of the load section's
/// targets and requests, each <paramref name="StepDuration"/> long, until the knee is bracketed within
/// <paramref name="TolerancePercent"/> % or <paramref name="MaxSteps"/> probes have run.
/// </summary>
public sealed record ScenarioSearch(TimeSpan? P99, double? ErrorRatePercent, double From, double To, TimeSpan StepDuration, double TolerancePercent, int MaxSteps)
{
    public static readonly TimeSpan DefaultStepDuration = TimeSpan.FromSeconds(10);

    public const double DefaultTolerancePercent = 5;

    public const int DefaultMaxSteps = 8;

    /// <summary>More probes than this take hours at the longest step and add little past a 1 % bracket.</summary>
    public const int MaxMaxSteps = 50;
}
