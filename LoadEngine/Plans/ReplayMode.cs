namespace PerfFleet.LoadEngine.Plans;

/// <summary>How the payload list is replayed (Shadower's modes).</summary>
public enum ReplayKind
{
    /// <summary>Cycle through the payloads until the duration ends.</summary>
    Loop,

    /// <summary>Each payload once, in order; the run ends early when all are sent.</summary>
    Once,

    /// <summary>Each payload exactly N times (for stateful services); the run ends early when all are sent.</summary>
    Times,
}

/// <summary>
/// The replay mode. Counts include the warm-up: with <c>{times: 3}</c> the target sees every
/// payload exactly three times in the whole run, which is what a stateful service needs.
/// </summary>
public sealed record ReplayMode(ReplayKind Kind, int Count)
{
    public static ReplayMode Loop { get; } = new(ReplayKind.Loop, 0);

    public static ReplayMode Once { get; } = new(ReplayKind.Once, 1);

    public static ReplayMode Times(int count) => new(ReplayKind.Times, count);

    /// <summary>How many slots the run may send for <paramref name="payloadCount"/> payloads; null = unbounded.</summary>
    public long? SlotLimit(int payloadCount) => Kind == ReplayKind.Loop ? null : (long)payloadCount * Count;

    /// <summary>Parses "loop", "once", "times:3" or "{times: 3}".</summary>
    public static ReplayMode Parse(string? text, string field = "replay")
    {
        var s = (text ?? string.Empty).Trim().Trim('{', '}').Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (s is "" or "loop")
        {
            return Loop;
        }

        if (s == "once")
        {
            return Once;
        }

        if (s.StartsWith("times:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(6), out var n) && n > 0)
        {
            return Times(n);
        }

        throw new LoadPlanException(field, $"\"{text}\" is not a replay mode: use loop, once or {{times: N}} with N > 0");
    }
}
