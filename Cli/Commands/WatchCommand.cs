using System.CommandLine;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>`watch id`: follows a test until it ends; the exit code says how it ended.</summary>
public static class WatchCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("id") { Description = "Test id" };
        var command = new Command(
            "watch",
            $"Follow a test until it ends (exit {ExitCodes.Ok} completed, {ExitCodes.TestFailed} failed, {ExitCodes.TestStopped} stopped)") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            using var call = connection.LoadTests.Watch(new WatchTestRequest { Id = context.GetValue(id) }, connection.Streaming(cancellationToken));
            var last = context.Format switch
            {
                OutputFormat.Json => await WatchRenderer.RenderLinesAsync(call.ResponseStream, context.Json.Write, cancellationToken).ConfigureAwait(false),
                _ when context.Environment.InteractiveTerminal => await WatchRenderer.RenderLiveAsync(context.Console, call.ResponseStream, cancellationToken).ConfigureAwait(false),
                _ => await WatchRenderer.RenderLinesAsync(call.ResponseStream, e => context.Console.WriteLine(WatchRenderer.Line(e)), cancellationToken).ConfigureAwait(false),
            };
            return await ExitCodeAsync(context, last).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ExitCodeAsync(CommandContext context, LoadTest? last)
    {
        var stderr = context.Environment.Stderr;
        switch (last?.Status)
        {
            case TestStatus.Completed:
                return ExitCodes.Ok;
            case TestStatus.Failed:
                await stderr.WriteLineAsync($"test {last.Id} failed: {last.StatusReason}").ConfigureAwait(false);
                return ExitCodes.TestFailed;
            case TestStatus.Stopped:
                await stderr.WriteLineAsync($"test {last.Id} was stopped: {last.StatusReason}").ConfigureAwait(false);
                return ExitCodes.TestStopped;
            default:
                await stderr.WriteLineAsync("error: the coordinator ended the watch before the test finished").ConfigureAwait(false);
                return ExitCodes.Error;
        }
    }
}
