namespace PerfFleet.Contracts.Scenarios;

public enum ReplayKind
{
    /// <summary>Start over at the end of the file until the window ends.</summary>
    Loop,

    /// <summary>Replay the file <see cref="ReplayPolicy.Times"/> times, then stop sending.</summary>
    Times,
}
