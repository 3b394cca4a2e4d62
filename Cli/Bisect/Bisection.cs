using System.Globalization;

namespace PerfFleet.Cli.Bisect;

/// <summary>
/// Narrows a step in one metric down to the first commit that has it: the bad commit is measured
/// first (its verdict against the good one is the step to find, or there is none), then the
/// middle of the remaining commits, until one is left. Each step is written as it is decided.
/// </summary>
public sealed class Bisection(CommitRuns runs, Action<string> write)
{
    /// <summary>The first bad commit's measurement against the good commit; the range tells the last good one.</summary>
    public async Task<MeasuredCommit> RunAsync(BisectRange range, string metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        write(string.Create(CultureInfo.InvariantCulture,
            $"bisecting {metric} over {range.Commits.Count} first-parent commits after {StepJudgement.Short(range.Good)} (good) up to {StepJudgement.Short(range.Bad)} (bad); every run measures a commit against the good one in interleaved pairs"));
        write($"checking the bad commit {StepJudgement.Short(range.Bad)}");
        var bad = await runs.MeasureAsync(range.Good, range.Bad, cancellationToken).ConfigureAwait(false);
        var step = StepJudgement.StepOf(bad.Metric, range.Good, range.Bad);
        write($"  {StepJudgement.Short(range.Bad)}: {StepJudgement.Describe(bad.Metric)}: the step to place");

        var firstBad = bad;
        for (var number = 1; !range.Done; number++)
        {
            var commit = range.Next;
            write(string.Create(CultureInfo.InvariantCulture, $"step {number} (at most {range.StepsLeft} left): {StepJudgement.Short(commit)}"));
            var measured = await runs.MeasureAsync(range.Good, commit, cancellationToken).ConfigureAwait(false);
            var isBad = StepJudgement.IsBad(measured.Metric, step, commit, range);
            if (isBad)
            {
                range.MarkBad(commit);
                firstBad = measured;
            }
            else
            {
                range.MarkGood(commit);
            }

            write(string.Create(CultureInfo.InvariantCulture,
                $"  {StepJudgement.Short(commit)}: {StepJudgement.Describe(measured.Metric)}: {(isBad ? "bad" : "good")}; {range.Candidates} candidate{(range.Candidates == 1 ? "" : "s")} left ({StepJudgement.Short(range.LastGood)} good .. {StepJudgement.Short(range.FirstBad)} bad)"));
        }

        return firstBad;
    }
}
