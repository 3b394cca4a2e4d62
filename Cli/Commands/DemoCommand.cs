using System.CommandLine;
using PerfFleet.Cli.Demo;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Cli.Commands;

/// <summary>`demo [--keep]`: the whole PerfFleet flow on this machine (README's first command).</summary>
public static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var keep = new Option<bool>("--keep") { Description = "Leave the cluster running at the end (Ctrl+C stops it)" };
        var command = new Command("demo", "Run the demo: embedded PostgreSQL, two coordinators, two workers, a baseline and a PR run of the sample service") { keep };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            try
            {
                return await new DemoRunner(context.Console, DemoLayout.Locate()).RunAsync(context.GetValue(keep), cancellationToken);
            }
            catch (Exception e) when (e is DemoException or PostgresBinariesNotFoundException or EmbeddedPostgresException)
            {
                context.Environment.Stderr.WriteLine("demo: " + e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
