using System.CommandLine;
using PerfFleet.Cli.Bisect;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `bisect`: finds the first commit whose metric steps, between a last good and a first bad
/// commit (by default the newest step the coordinator found on the default branch's history),
/// by scheduling paired baseline runs of the commits between them and waiting for each verdict.
/// </summary>
public static class BisectCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var repo = new Option<string>("--repo") { Description = "Registered repository (owner/name)", Required = true };
        var scenario = new Option<string>("--scenario") { Description = "Scenario name", Required = true };
        var query = new Option<string>("--query") { Description = "Query name or engine metric whose step is looked for (e.g. engine.p99_ms)", Required = true };
        var good = new Option<string?>("--good") { Description = "Last good commit (default: the baseline before the newest step of the history)" };
        var bad = new Option<string?>("--bad") { Description = "First bad commit (default: the first baseline after the newest step)" };
        var gitDir = new Option<string>("--git-dir") { Description = "A local clone of the repository, to list the commits between (default: the current directory)", DefaultValueFactory = _ => "." };
        var pairs = new Option<int>("--pairs") { Description = "Interleaved pairs per run (0 = the scenario's repeat.pairs, else the default)" };
        var priority = new Option<int>("--priority") { Description = "Higher runs first" };
        var command = new Command("bisect", "Find the first commit whose metric steps, by paired baseline runs between a good and a bad commit")
        {
            repo, scenario, query, good, bad, gitDir, pairs, priority,
        };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            if (context.Format == OutputFormat.Json)
            {
                throw new CliUsageException("bisect writes its steps as text; --output json is not supported (each run is there for `perffleet get -o json`)");
            }

            if (context.GetValue(good) is null != context.GetValue(bad) is null)
            {
                throw new CliUsageException("give both --good and --bad, or neither (the newest step of the history is bisected)");
            }

            var request = new BisectRequest(context.GetValue(repo), context.GetValue(scenario), context.GetValue(query), context.GetValue(pairs), context.GetValue(priority));
            using var connection = context.Connect();
            void Write(string line) => context.Console.WriteLine(line);
            var (goodCommit, badCommit) = context.GetValue(good) is { } g
                ? (g, context.GetValue(bad)!)
                : await NewestStepAsync(connection, request, Write, cancellationToken).ConfigureAwait(false);
            var range = await new LocalCommits(context.GetValue(gitDir)).RangeAsync(goodCommit, badCommit, cancellationToken).ConfigureAwait(false);
            var firstBad = await new Bisection(new CommitRuns(connection, request, Write), Write).RunAsync(range, request.Metric, cancellationToken).ConfigureAwait(false);
            Write($"first bad commit: {firstBad.Commit} (test {firstBad.TestId})");
            Write($"last good commit: {range.LastGood}");
            Write($"{request.Metric}: {StepJudgement.Describe(firstBad.Metric)} (before → after, measured against {StepJudgement.Short(range.Good)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The baseline before the newest step of the metric's history, and the first one after it.</summary>
    private static async Task<(string Good, string Bad)> NewestStepAsync(Connection.CoordinatorConnection connection, BisectRequest request, Action<string> write, CancellationToken cancellationToken)
    {
        var history = await connection.LoadTests.HistoryAsync(
            new HistoryRequest { Repository = request.Repository, Scenario = request.Scenario, Query = request.Metric },
            connection.Unary(cancellationToken)).ConfigureAwait(false);
        if (history.ChangePoints.Count == 0)
        {
            throw new CliFailureException(
                $"the history of {request.Metric} in {request.Repository} (scenario {request.Scenario}, {history.Baselines.Count} baselines) has no step: give --good and --bad",
                ExitCodes.Undecided);
        }

        var step = history.ChangePoints[^1];
        write($"newest {HistoryCommand.StepLine(step)}");
        return (history.Baselines[step.Index - 1].Commit, step.Commit);
    }
}
