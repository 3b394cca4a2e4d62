using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>`repos register|list|remove`: repository registrations (Repositories service).</summary>
public static class ReposCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new Command("repos", "Manage registered repositories") { Register(runner), List(runner), Remove(runner) };
    }

    private static Command Register(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "owner/name as GitHub spells it" };
        var cloneUrl = new Option<string>("--clone-url") { Description = "Any URL git accepts", Required = true };
        var branch = new Option<string?>("--default-branch") { Description = "Default \"master\"" };
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario run per webhook (repeatable; none = every scenario)" };
        var webhookSecret = new Option<string?>("--webhook-secret") { Description = "GitHub webhook secret (write-only)" };
        var githubToken = new Option<string?>("--github-token") { Description = "Token for commit statuses (write-only)" };
        var runDrafts = new Option<bool>("--run-drafts") { Description = "Also test draft pull requests" };
        var command = new Command("register", "Register or update a repository") { name, cloneUrl, branch, scenarios, webhookSecret, githubToken, runDrafts };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var registration = new RepositoryRegistration
            {
                Name = context.GetValue(name),
                CloneUrl = context.GetValue(cloneUrl),
                DefaultBranch = context.GetValue(branch) ?? "",
                WebhookSecret = context.GetValue(webhookSecret) ?? "",
                GithubToken = context.GetValue(githubToken) ?? "",
                RunDrafts = context.GetValue(runDrafts),
            };
            registration.Scenarios.Add(context.GetValue(scenarios) ?? []);
            using var connection = context.Connect();
            var stored = await connection.Repositories.RegisterAsync(registration, connection.Unary(cancellationToken)).ConfigureAwait(false);
            Write(context, new ListRepositoriesResponse { Repositories = { stored } }, stored);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List registered repositories");
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var response = await connection.Repositories.ListAsync(new Empty(), connection.Unary(cancellationToken)).ConfigureAwait(false);
            Write(context, response, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "owner/name" };
        var command = new Command("remove", "Remove a repository registration") { name };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var request = new RemoveRepositoryRequest { Name = context.GetValue(name) };
            var response = await connection.Repositories.RemoveAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            return RemovedOutput.Write(context, response, request.Name);
        });
        return command;
    }

    private static void Write(CommandContext context, ListRepositoriesResponse table, Google.Protobuf.IMessage json)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.Json.Write(json);
            return;
        }

        var rows = Tables.Create("name", "clone url", "default branch", "scenarios", "drafts", "webhook secret", "github token");
        foreach (var repo in table.Repositories)
        {
            rows.AddTextRow(
                repo.Name,
                repo.CloneUrl,
                string.IsNullOrEmpty(repo.DefaultBranch) ? "master" : repo.DefaultBranch,
                repo.Scenarios.Count == 0 ? "all" : string.Join(", ", repo.Scenarios),
                repo.RunDrafts ? "yes" : "no",
                repo.HasWebhookSecret ? "set" : "-",
                repo.HasGithubToken ? "set" : "-");
        }

        context.Console.Write(rows);
    }
}
