using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`list`: tests filtered by status, id (or its start or end), repository, commit prefix and kind, one page at a time.</summary>
public static class ListCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var status = new Option<TestStatus[]>("--status")
        {
            Description = $"Only these states (repeatable): {string.Join(", ", EnumParsing.Choices<TestStatus>())}",
            CustomParser = r => r.Tokens.Select((_, i) => EnumParsing.Status(r, i)).ToArray(),
            AllowMultipleArgumentsPerToken = false,
        };
        var id = new Option<string?>("--id") { Description = "Test id, or its first or last characters" };
        var repo = new Option<string?>("--repo") { Description = "Repository (owner/name)" };
        var commit = new Option<string?>("--commit") { Description = "Commit SHA or a prefix" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario name" };
        var kind = new Option<TestKind>("--kind") { Description = "baseline | test | adhoc", CustomParser = EnumParsing.Kind };
        var limit = new Option<int>("--limit") { Description = "Page size (server default 50, at most 500)" };
        var pageToken = new Option<string?>("--page-token") { Description = "The next page token printed by the previous list" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--limit must not be negative");
            }
        });

        var command = new Command("list", "List tests") { status, id, repo, commit, scenario, kind, limit, pageToken };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var request = new ListTestsRequest
            {
                Id = context.GetValue(id) ?? "",
                Repository = context.GetValue(repo) ?? "",
                Commit = context.GetValue(commit) ?? "",
                Scenario = context.GetValue(scenario) ?? "",
                Kind = context.GetValue(kind),
                PageSize = context.GetValue(limit),
                PageToken = context.GetValue(pageToken) ?? "",
            };
            request.Status.Add(context.GetValue(status) ?? []);
            using var connection = context.Connect();
            var response = await connection.LoadTests.ListAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(response);
            }
            else
            {
                LoadTestRenderer.WriteList(context.Console, response);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
