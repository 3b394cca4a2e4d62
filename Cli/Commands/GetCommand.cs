using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`get id`: state, load summary, query results and comparison; optionally a CI gate on regression.</summary>
public static class GetCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "Test id" };
        var failOnRegression = FailOnRegressionOption.Create();
        var command = new Command("get", "Show a test: state, load, queries and comparison") { id, failOnRegression };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var details = await connection.LoadTests.GetAsync(new GetTestRequest { Id = context.GetValue(id) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(details);
            }
            else
            {
                TestDetailsRenderer.Write(context.Console, details);
            }

            if (context.GetValue(failOnRegression) && details.Comparison?.Confirmation == ConfirmationState.Pending)
            {
                // Not yet a verdict: a gate must wait for the confirmation run, not fail on a first finding.
                await context.Environment.Stderr.WriteLineAsync($"test {details.Test?.Id} found a regression that a fresh run is confirming: its verdict is not final yet; see `perffleet list` for the follow-up run").ConfigureAwait(false);
            }
            else if (context.GetValue(failOnRegression) && IsRegression(details))
            {
                await context.Environment.Stderr.WriteLineAsync($"regression: test {details.Test?.Id} is slower than its baseline").ConfigureAwait(false);
                return ExitCodes.Regression;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // The test's own verdict is authoritative once set; before that the comparison's.
    private static bool IsRegression(TestDetails details) =>
        details.Test?.Verdict == Verdict.Regression || details.Comparison?.Verdict == Verdict.Regression;
}
