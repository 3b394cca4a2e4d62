using System.CommandLine;
using PerfFleet.Cli.LocalRun;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Source;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `run scenario-file`: one scenario on this machine without a cluster (Boulder's "easy
/// experimentation without a PR"), with the report `get` prints; `--compare-to` an earlier
/// `--save`d result.
/// </summary>
public static class RunCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var file = new Argument<string>("scenario-file") { Description = "A .perffleet.yml; its directory is the working tree the stack runs in" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario name (default: the only one in the file)" };
        var rate = new Option<double?>("--rate") { Description = "Requests per second (default: as in the scenario)" };
        var duration = DurationOption.Create("Measured window, e.g. 30s or 2m (default: as in the scenario)");
        var compareTo = new Option<string?>("--compare-to") { Description = "An earlier result (--save) to compare with" };
        var save = new Option<string?>("--save") { Description = "Write this run's result to a file" };
        var search = SearchOption.Create();
        var failOnRegression = FailOnRegressionOption.Create();
        var command = new Command("run", "Run one scenario locally: stack, load, queries, report") { file, scenario, rate, duration, compareTo, save, search, failOnRegression };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var path = context.GetValue(file);
            if (!File.Exists(path))
            {
                throw new CliInputException($"{path}: no such scenario file");
            }

            if (context.GetValue(rate) is { } r && (!double.IsFinite(r) || r <= 0))
            {
                throw new CliUsageException("--rate must be a positive number of requests per second");
            }

            var window = context.GetValue(duration);
            var searchText = SearchOption.Check(context.GetValue(search));

            // Read the earlier result first: a bad file should fail before minutes of load.
            var previous = context.GetValue(compareTo) is { } earlier ? await LocalResultFile.LoadAsync(earlier, cancellationToken) : null;
            var source = await LocalSource.FindAsync(Path.GetDirectoryName(Path.GetFullPath(path))!, new SourceOptions().GitExecutable, cancellationToken);
            await context.Environment.Stderr.WriteLineAsync(source.Description);
            var runner = new LocalRunner(path, source, context.GetValue(scenario), context.GetValue(rate), window, searchText);
            var scenarioText = await File.ReadAllTextAsync(path, cancellationToken);
            var (loadWindow, searching) = LoadWindow.Read(scenarioText, context.GetValue(scenario), window, searchGiven: searchText is not null);
            var details = context.Environment.InteractiveTerminal && context.Format != OutputFormat.Json
                ? await LiveRunProgress.RunAsync(context.Console, loadWindow, progress => runner.RunAsync(progress, cancellationToken))
                : await runner.RunAsync(new PlainRunProgress(context.Environment.Stderr, loadWindow, searching), cancellationToken);
            if (previous is not null && details.Test.Status == TestStatus.Completed)
            {
                details.Comparison = LocalRunner.Compare(details, previous);
                details.Test.Verdict = details.Comparison.Verdict; // the header says what the comparison under it says, as for a cluster run
            }
            else if (details.Test.Status == TestStatus.Completed && details.Summary?.CompareTargets == true)
            {
                // Mirrored targets are judged against each other within the run: no earlier result is
                // needed, and without one the rows against a baseline would all say "no baseline".
                var duet = LocalRunner.Compare(details, previous: null);
                duet.Metrics.Clear();
                duet.Endpoints.Clear();
                duet.EndpointCorrection = string.Empty;
                details.Comparison = duet;
            }

            if (context.GetValue(save) is { } target)
            {
                await LocalResultFile.SaveAsync(target, details, cancellationToken);
            }

            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(details);
            }
            else
            {
                TestDetailsRenderer.Write(context.Console, details);
            }

            if (details.Test.Status != TestStatus.Completed)
            {
                await context.Environment.Stderr.WriteLineAsync($"run {DisplayNames.Of(details.Test.Status)}: {details.Test.StatusReason}");
                return ExitCodes.TestFailed;
            }

            return context.GetValue(failOnRegression) && details.Comparison?.Verdict == Verdict.Regression ? ExitCodes.Regression : ExitCodes.Ok;
        });
        return command;
    }
}
