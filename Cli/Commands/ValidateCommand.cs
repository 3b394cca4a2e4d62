using System.CommandLine;
using System.Globalization;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `validate [file] [--scenario name]`: checks a scenario file offline with the worker's own
/// reading (both passes, every scenario), so a mistake is found before a push, with the same
/// message, line and field the run would fail with. Exit 0 when valid, 6 when not.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var file = new Argument<FileInfo?>("file") { Description = $"The scenario file (default: {ScenarioParser.DefaultFileName} in the current directory)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string?>("--scenario") { Description = "Also check that this scenario is defined (what a test or webhook names)" };
        var command = new Command("validate", "Check a scenario file offline, as a worker reads it") { file, scenario };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var info = context.GetValue(file) ?? new FileInfo(ScenarioParser.DefaultFileName);
            var name = info.Name;
            ScenarioFile parsed;
            try
            {
                parsed = ScenarioLoader.Validate(ScenarioLoader.ReadScenarioFile(info.FullName, name), name);
                if (context.GetValue(scenario) is { Length: > 0 } wanted)
                {
                    parsed.Select(wanted);
                }
            }
            catch (ScenarioException e)
            {
                throw new CliInputException(e.Message, e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliInputException($"{name}: cannot be read: {e.Message}", e);
            }

            foreach (var line in Describe(parsed))
            {
                await context.Environment.Stdout.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<string> Describe(ScenarioFile file)
    {
        yield return $"{file.File}: valid, {file.Scenarios.Count} scenario(s)";
        foreach (var scenario in file.Scenarios.Values)
        {
            var stack = scenario.Stack.IsExternal ? "none (a running deployment)" : scenario.Stack.Compose is { } compose ? "compose " + compose : $"{scenario.Stack.Local.Count} local service(s)";
            var load = scenario.Load is not { } l ? "load by " + scenario.Stack.LoadGenerator
                : scenario.Search is { } search ? string.Create(CultureInfo.InvariantCulture, $"a capacity search from {search.From:0.##} to {search.To:0.##} req/s, {DurationParser.Format(search.StepDuration)} a probe, at most {search.MaxSteps} probes")
                : (l.Rate is { } rate ? rate.ToString("0.##", CultureInfo.InvariantCulture) + " req/s" : $"{l.Stages.Count} stage(s)") + $" for {DurationParser.Format(l.Duration)}";
            var pairs = scenario.Repeat.Pairs is { } n ? $", {n} pairs" : string.Empty;
            yield return $"  {scenario.Name}: {stack}, {load}, {scenario.Queries.Count} quer{(scenario.Queries.Count == 1 ? "y" : "ies")}{pairs}";
        }
    }
}
