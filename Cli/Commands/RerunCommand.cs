using System.CommandLine;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`rerun id`: schedules a new test with the same spec.</summary>
public static class RerunCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "Test id to run again" };
        var command = new Command("rerun", "Run a test again with the same spec") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var test = await connection.LoadTests.RerunAsync(new RerunRequest { Id = context.GetValue(id) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            LoadTestOutput.Write(context, test);
            return ExitCodes.Ok;
        });
        return command;
    }
}
