namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// How the payload file is replayed (Shadower's modes): in a loop until the window ends, or each
/// payload exactly <see cref="Times"/> times (once is one time), after which the run ends early.
/// Counts include the warm-up: with <c>{times: 3}</c> the target sees every payload exactly three
/// times in the whole run, which is what a stateful service needs. The scenario file and the load
/// engine share this one type.
/// </summary>
public sealed record ReplayPolicy(ReplayKind Kind, int Times)
{
    public static readonly ReplayPolicy Loop = new(ReplayKind.Loop, 0);
    public static readonly ReplayPolicy Once = new(ReplayKind.Times, 1);

    public static ReplayPolicy Repeat(int times) => new(ReplayKind.Times, times);

    /// <summary>How many request slots a run may send for <paramref name="payloadCount"/> payloads; null = unbounded.</summary>
    public long? SlotLimit(int payloadCount) => Kind == ReplayKind.Loop ? null : (long)payloadCount * Times;
}
