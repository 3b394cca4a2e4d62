using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`history`: one query's medians across the baselines of a repository and scenario.</summary>
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

            var table = Tables.Create("time", "kind", "test", "commit", "median", "verdict", "pr", "baseline");
            foreach (var point in response.Baselines.Concat(response.Tests).OrderBy(p => p.Time?.ToDateTimeOffset()))
            {
                table.AddTextRow(
                    DisplayNames.Of(point.Time),
                    DisplayNames.Of(point.Kind),
                    point.TestId,
                    DisplayNames.ShortCommit(point.Commit),
                    DisplayNames.Number(point.Median),
                    DisplayNames.Of(point.Verdict),
                    point.PullRequest == 0 ? "-" : "#" + point.PullRequest.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    string.IsNullOrEmpty(point.BaselineTestId) ? "-" : point.BaselineTestId);
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
