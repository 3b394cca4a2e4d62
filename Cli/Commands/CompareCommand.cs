using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `compare id against-id`: any two runs with results, judged as if the second were the first's
/// baseline — a rerun against its original (how noisy is this?), two pull requests against each
/// other, a run against an older baseline. Optionally a CI gate on regression.
/// </summary>
public static class CompareCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "The run judged" };
        var against = new Argument<string>("against-id") { Description = "The run it is judged against (in place of the baseline)" };
        var failOnRegression = FailOnRegressionOption.Create();
        var command = new Command("compare", "Compare two runs' results with the baseline comparison's statistics") { id, against, failOnRegression };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var request = new CompareRequest { Id = context.GetValue(id), AgainstId = context.GetValue(against) };
            var comparison = await connection.LoadTests.CompareAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(comparison);
            }
            else
            {
                TestDetailsRenderer.WriteComparison(context.Console, $"Run {comparison.TestId} against run {comparison.BaselineTestId}", comparison);
            }

            if (context.GetValue(failOnRegression) && comparison.Verdict == Verdict.Regression)
            {
                await context.Environment.Stderr.WriteLineAsync($"regression: run {comparison.TestId} is worse than run {comparison.BaselineTestId}").ConfigureAwait(false);
                return ExitCodes.Regression;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
