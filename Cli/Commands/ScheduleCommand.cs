using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`schedule`: a test of a repository at a commit, or of an inline .perffleet.yml.</summary>
public static class ScheduleCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var repo = new Option<string?>("--repo") { Description = "Registered repository (owner/name)" };
        var commit = new Option<string?>("--commit") { Description = "Full commit SHA" };
        var baselineCommit = new Option<string?>("--baseline-commit")
        {
            Description = "Measure --commit against this commit (its merge base with it) in interleaved pairs on one worker",
        };
        var pairs = new Option<int>("--pairs") { Description = "Interleaved pairs with --baseline-commit (0 = the scenario's repeat.pairs, else the default)" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario name in .perffleet.yml (empty = the only one)" };
        var spec = new Option<FileInfo?>("--spec") { Description = "A .perffleet.yml file sent inline instead of the checkout's" };
        var rate = new Option<double>("--rate") { Description = "Requests per second (0 = as in the scenario)" };
        var duration = DurationOption.Create("Measured window, e.g. 1m or 90s (default: as in the scenario)");
        var priority = new Option<int>("--priority") { Description = "Higher runs first" };
        var tag = new Option<string?>("--tag") { Description = "Label on the load engine's metrics" };
        var requests = new Option<string?>("--requests") { Description = "Requests instead of the scenario's: payload://NAME[@sha256:HEX] or a path inside the repository" };
        var kind = new Option<TestKind>("--kind")
        {
            Description = "test | baseline | adhoc (default: test, or adhoc with --spec)",
            CustomParser = EnumParsing.Kind,
        };

        var search = SearchOption.Create();
        var command = new Command("schedule", "Schedule a load test") { repo, commit, baselineCommit, pairs, scenario, spec, rate, duration, priority, tag, requests, kind, search };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var specFile = context.GetValue(spec);
            var request = new ScheduleRequest
            {
                Spec = new LoadTestSpec
                {
                    Repository = context.GetValue(repo) ?? "",
                    Commit = context.GetValue(commit) ?? "",
                    BaselineCommit = context.GetValue(baselineCommit) ?? "",
                    Pairs = context.GetValue(pairs),
                    Scenario = context.GetValue(scenario) ?? "",
                    InlineSpec = specFile is null ? "" : await ReadSpecAsync(specFile, cancellationToken).ConfigureAwait(false),
                    Rate = context.GetValue(rate),
                    Priority = context.GetValue(priority),
                    Tag = context.GetValue(tag) ?? "",
                    Search = SearchOption.Check(context.GetValue(search)) ?? "",
                    Requests = context.GetValue(requests) ?? "",
                    Kind = context.GetValue(kind) is var k && k != TestKind.Unspecified ? k : specFile is null ? TestKind.Test : TestKind.Adhoc,
                },
            };
            if (context.GetValue(duration) is { } window)
            {
                request.Spec.Duration = Duration.FromTimeSpan(window);
            }

            if (specFile is null && string.IsNullOrEmpty(request.Spec.Repository))
            {
                throw new CliUsageException("schedule needs --repo (with --commit) or --spec");
            }

            using var connection = context.Connect();
            var test = await connection.LoadTests.ScheduleAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            LoadTestOutput.Write(context, test);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> ReadSpecAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--spec {file.FullName}: {e.Message}", e);
        }
    }
}
