using System.Globalization;
using PerfFleet.Cli.Connection;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Bisect;

/// <summary>
/// Measures one commit against the good one the way the coordinator measures a pull request: a
/// paired baseline run (interleaved repetitions of both on one worker), followed through the
/// more-pairs runs the coordinator adds while it is inconclusive, to its final verdict. Being a
/// baseline, the run also fills the default branch's history at that commit.
/// </summary>
public sealed class CommitRuns(CoordinatorConnection connection, BisectRequest request, Action<string> write)
{
    public async Task<MeasuredCommit> MeasureAsync(string good, string commit, CancellationToken cancellationToken)
    {
        var spec = new LoadTestSpec
        {
            Repository = request.Repository,
            Scenario = request.Scenario,
            Commit = commit,
            BaselineCommit = good,
            Pairs = request.Pairs,
            Priority = request.Priority,
            Kind = TestKind.Baseline,
        };
        var root = await connection.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, connection.Unary(cancellationToken)).ConfigureAwait(false);
        write($"  {StepJudgement.Short(commit)}: test {root.Id} scheduled");
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.Id };
        var current = root;
        while (true)
        {
            var ended = await WaitForEndAsync(current.Id, cancellationToken).ConfigureAwait(false);

            // A follow-up is written in the transaction that completes its test: once the test is
            // completed, any follow-up it needs is listed.
            var followUp = await FollowUpAsync(root, seen, cancellationToken).ConfigureAwait(false);
            if (followUp is null)
            {
                var details = await connection.LoadTests.GetAsync(new GetTestRequest { Id = ended.Id }, connection.Unary(cancellationToken)).ConfigureAwait(false);
                // A baseline's own comparison is reported as the one with the baseline before it.
                return new MeasuredCommit(commit, ended.Id, StepJudgement.MetricOf(details.PreviousBaseline ?? details.Comparison, request.Metric, ended.Id));
            }

            seen.Add(followUp.Id);
            write(string.Create(CultureInfo.InvariantCulture, $"  {StepJudgement.Short(commit)}: inconclusive so far, {followUp.Spec.Pairs} more pairs: test {followUp.Id}"));
            current = followUp;
        }
    }

    private async Task<LoadTest> WaitForEndAsync(string id, CancellationToken cancellationToken)
    {
        using var call = connection.LoadTests.Watch(new WatchTestRequest { Id = id }, connection.Streaming(cancellationToken));
        var last = await WatchRenderer.RenderLinesAsync(call.ResponseStream, _ => { }, cancellationToken).ConfigureAwait(false);
        return last?.Status switch
        {
            TestStatus.Completed => last,
            TestStatus.Failed => throw new CliFailureException($"test {id} failed: {last.StatusReason}", ExitCodes.TestFailed),
            TestStatus.Stopped => throw new CliFailureException($"test {id} was stopped: {last.StatusReason}", ExitCodes.TestStopped),
            _ => throw new CliFailureException($"the coordinator ended the watch of test {id} before it finished", ExitCodes.Error),
        };
    }

    private async Task<LoadTest?> FollowUpAsync(LoadTest root, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var list = await connection.LoadTests.ListAsync(
            new ListTestsRequest { Repository = request.Repository, Commit = root.Spec.Commit, Kind = TestKind.Baseline, PageSize = 500 },
            connection.Unary(cancellationToken)).ConfigureAwait(false);
        return list.Tests
            .Where(t => t.FollowUpOf == root.Id && !seen.Contains(t.Id))
            .MaxBy(t => t.CreatedAt?.ToDateTimeOffset());
    }
}
