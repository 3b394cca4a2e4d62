using System.CommandLine;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`stop id`: idempotent; a stopped test answers with its current state.</summary>
public static class StopCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "Test id" };
        var reason = new Option<string?>("--reason") { Description = "Why, shown on the test" };
        var command = new Command("stop", "Stop a test") { id, reason };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var request = new StopTestRequest { Id = context.GetValue(id), Reason = context.GetValue(reason) ?? "" };
            var test = await connection.LoadTests.StopAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            LoadTestOutput.Write(context, test);
            return ExitCodes.Ok;
        });
        return command;
    }
}
