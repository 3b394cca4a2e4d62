using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `history`: one query's medians across the baselines of a repository and scenario, the steps
/// the coordinator found among the baselines (marked on the first run after each, then one line
/// per step) and the pinned baseline.
/// </summary>
public static class HistoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var repo = new Option<string>("--repo") { Description = "Repository (owner/name)", Required = true };
        var scenario = new Option<string>("--scenario") { Description = "Scenario name", Required = true };
        var query = new Option<string>("--query") { Description = "Query name or engine metric (e.g. engine.p99_ms)", Required = true };
        var limit = new Option<int>("--limit") { Description = "Newest N baselines (server default 100)" };
        var command = new Command("history", "Show a query across baseline runs") { repo, scenario, query, limit };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var request = new HistoryRequest
            {
                Repository = context.GetValue(repo),
                Scenario = context.GetValue(scenario),
                Query = context.GetValue(query),
                Limit = context.GetValue(limit),
            };
            using var connection = context.Connect();
            var response = await connection.LoadTests.HistoryAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(response);
                return ExitCodes.Ok;
            }

            var steps = response.ChangePoints.ToDictionary(c => c.TestId, StringComparer.Ordinal);
            var table = Tables.Create("time", "kind", "test", "commit", "median", "verdict", "pr", "baseline", "mark");
            foreach (var point in InHistoryOrder(response))
            {
                table.AddTextRow(
                    DisplayNames.Of(point.Time),
                    DisplayNames.Of(point.Kind),
                    point.TestId,
                    DisplayNames.ShortCommit(point.Commit),
                    DisplayNames.Number(point.Median),
                    DisplayNames.Of(point.Verdict),
                    point.PullRequest == 0 ? "-" : "#" + point.PullRequest.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    string.IsNullOrEmpty(point.BaselineTestId) ? "-" : point.BaselineTestId,
                    Mark(point, steps));
            }

            context.Console.Write(table);
            foreach (var step in response.ChangePoints)
            {
                context.Console.WriteLine(StepLine(step));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The baselines in the coordinator's order (their commits' ancestry, so a late run of an older
    /// commit sits at its commit), each followed by the test runs compared with it, oldest first;
    /// test runs compared with a baseline not shown come last.
    /// </summary>
    public static IEnumerable<HistoryPoint> InHistoryOrder(HistoryResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var tests = response.Tests.OrderBy(p => p.Time?.ToDateTimeOffset()).ToLookup(p => p.BaselineTestId, StringComparer.Ordinal);
        var shown = response.Baselines.Select(b => b.TestId).ToHashSet(StringComparer.Ordinal);
        return response.Baselines.SelectMany(b => tests[b.TestId].Prepend(b))
            .Concat(response.Tests.Where(t => !shown.Contains(t.BaselineTestId)).OrderBy(p => p.Time?.ToDateTimeOffset()));
    }

    /// <summary>"step +12.3 % at 1a2b3c4d (id): 20 → 22.46", the way a person reads a step.</summary>
    public static string StepLine(HistoryChangePoint step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var change = step.ChangePercent.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture);
        return $"step {change} % at {DisplayNames.ShortCommit(step.Commit)} ({step.TestId}): {DisplayNames.Number(step.Before)} → {DisplayNames.Number(step.After)}";
    }

    private static string Mark(HistoryPoint point, Dictionary<string, HistoryChangePoint> steps)
    {
        var marks = new List<string>(2);
        if (point.Kind == TestKind.Baseline && steps.TryGetValue(point.TestId, out var step))
        {
            marks.Add("step " + step.ChangePercent.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture) + " %");
        }

        if (point.Pinned)
        {
            marks.Add("pinned");
        }

        return marks.Count == 0 ? "-" : string.Join(", ", marks);
    }
}
