using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>`update id`: change rate and/or duration of a scheduled or running test.</summary>
public static class UpdateCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "Test id" };
        var rate = new Option<double>("--rate") { Description = "New requests per second" };
        var duration = DurationOption.Create("New measured window, e.g. 2m or 90s; a running test's window moves at once");
        var command = new Command("update", "Change the rate or duration of a test") { id, rate, duration };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var request = new UpdateTestRequest { Id = context.GetValue(id), Rate = context.GetValue(rate) };
            if (context.GetValue(duration) is { } window)
            {
                request.Duration = Duration.FromTimeSpan(window);
            }

            if (request.Rate <= 0 && request.Duration is null)
            {
                throw new CliUsageException("update needs --rate or --duration");
            }

            using var connection = context.Connect();
            var test = await connection.LoadTests.UpdateAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            LoadTestOutput.Write(context, test);
            return ExitCodes.Ok;
        });
        return command;
    }
}
