namespace PerfFleet.Contracts.Scenarios;

/// <summary>How the payload file is replayed: in a loop, once, or a fixed number of times.</summary>
public sealed record ReplayPolicy(ReplayKind Kind, int Times)
{
    public static readonly ReplayPolicy Loop = new(ReplayKind.Loop, 0);
    public static readonly ReplayPolicy Once = new(ReplayKind.Times, 1);

    public static ReplayPolicy Repeat(int times) => new(ReplayKind.Times, times);
}
