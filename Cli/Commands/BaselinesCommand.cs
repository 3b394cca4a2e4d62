using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>`baselines pin|unpin|list`: which baseline a repository's runs are compared with.</summary>
public static class BaselinesCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new Command("baselines", "Pin, unpin and list baselines") { Pin(runner), Unpin(runner), List(runner) };
    }

    private static Command Pin(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "Test id of a completed baseline" };
        var command = new Command("pin", "Compare runs with this baseline, whatever is newer (unpins any other of its scenario)") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var baseline = await connection.LoadTests.PinBaselineAsync(new PinBaselineRequest { Id = context.GetValue(id) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            WriteOne(context, baseline, "pinned");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Unpin(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "Test id of a pinned baseline" };
        var command = new Command("unpin", "Compare runs with the newest baseline again") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var baseline = await connection.LoadTests.UnpinBaselineAsync(new PinBaselineRequest { Id = context.GetValue(id) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            WriteOne(context, baseline, "unpinned");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var repo = new Argument<string>("repo") { Description = "Repository (owner/name)" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario name (default: the repository's only scenario)" };
        var limit = new Option<int>("--limit") { Description = "Newest N baselines (server default 20)" };
        var command = new Command("list", "List completed baselines, newest first, and which one is current") { repo, scenario, limit };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var request = new ListBaselinesRequest { Repository = context.GetValue(repo), Scenario = context.GetValue(scenario) ?? "", Limit = context.GetValue(limit) };
            var response = await connection.LoadTests.ListBaselinesAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(response);
                return ExitCodes.Ok;
            }

            var table = Tables.Create("finished", "test", "commit", "verdict", "pinned", "current");
            foreach (var baseline in response.Baselines)
            {
                table.AddTextRow(
                    DisplayNames.Of(baseline.FinishedAt),
                    baseline.TestId,
                    DisplayNames.ShortCommit(baseline.Commit),
                    DisplayNames.Of(baseline.Verdict),
                    baseline.Pinned ? "pinned" : "-",
                    baseline.TestId == response.CurrentTestId ? "*" : "");
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteOne(CommandContext context, BaselineInfo baseline, string what)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.Json.Write(baseline);
            return;
        }

        var scenario = baseline.Scenario.Length == 0 ? "" : $" ({baseline.Scenario})";
        context.Console.WriteLine($"{what} {baseline.TestId}: {baseline.Repository}{scenario} at {DisplayNames.ShortCommit(baseline.Commit)}");
    }
}
