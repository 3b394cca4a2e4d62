namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// A scenario's <c>repeat:</c> section: how a paired run (baseline and test commit in interleaved
/// repetitions on one worker) measures this scenario. An unpaired run ignores it.
/// </summary>
/// <remarks>
/// <para>Pairs: (baseline, test) pairs when the test does not say; null: the worker's default.</para>
/// <para>Duration: each repetition's measured window; null: the load section's <c>duration</c>.</para>
/// <para>Warmup: each repetition's warm-up; null: the load section's <c>warmup</c>.</para>
/// <para>KeepStacks: <c>stack: kept</c>: each side's stack starts at its first repetition and stays
/// up until the run ends, instead of a fresh stack per repetition; the stack start, often most of a
/// short repetition's cost, is paid twice per run instead of twice per pair.</para>
/// </remarks>
public sealed record ScenarioRepeat(int? Pairs, TimeSpan? Duration, TimeSpan? Warmup, bool KeepStacks = false)
{
    /// <summary>More pairs than this cost hours and add little once the interval is narrow.</summary>
    public const int MaxPairs = 50;

    /// <summary>No <c>repeat:</c> section.</summary>
    public static ScenarioRepeat None { get; } = new(null, null, null);

    /// <summary>
    /// The load one repetition sends: <paramref name="load"/> with this section's window and warm-up.
    /// Null stays null (a load-generator scenario has no load section).
    /// </summary>
    public ScenarioLoad? Apply(ScenarioLoad? load) =>
        load is null ? null : load with { Duration = Duration ?? load.Duration, Warmup = Warmup ?? load.Warmup };
}
