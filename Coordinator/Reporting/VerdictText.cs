using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>How a verdict reads in Markdown and in one-line descriptions.</summary>
public static class VerdictText
{
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Regression => "regression",
        Verdict.Improvement => "improvement",
        Verdict.Unchanged => "unchanged",
        Verdict.NoBaseline => "no baseline",
        Verdict.Error => "error",
        Verdict.Inconclusive => "inconclusive",
        _ => "unknown",
    };

    /// <summary>An emoji and the word: the emoji for the eye, the word for screen readers and search.</summary>
    public static string WithEmoji(Verdict verdict) => verdict switch
    {
        Verdict.Regression => "\U0001F534 regression",
        Verdict.Improvement => "\U0001F7E2 improvement",
        Verdict.Unchanged => "\u26AA unchanged",
        Verdict.NoBaseline => "\u2796 no baseline",
        Verdict.Error => "\u26A0\uFE0F error",
        Verdict.Inconclusive => "\u2754 inconclusive",
        _ => "unknown",
    };

    /// <summary>
    /// The commit status state for an overall verdict: only a regression or an error fails the
    /// check. Inconclusive passes: "not sure" must never block a merge (the comment says so).
    /// </summary>
    /// <summary>
    /// The commit status state of a run's verdict: a baseline's regression does not fail its
    /// commit, which is already on the default branch (a red mark there blocks nothing and reads
    /// as a broken branch); it is an alert about the branch instead.
    /// </summary>
    public static CommitState StateOf(Verdict verdict, TestKind kind) =>
        kind == TestKind.Baseline && verdict == Verdict.Regression ? CommitState.Success : StateOf(verdict);

    public static CommitState StateOf(Verdict verdict) => verdict switch
    {
        Verdict.Regression => CommitState.Failure,
        Verdict.Error => CommitState.Error,
        _ => CommitState.Success,
    };
}
