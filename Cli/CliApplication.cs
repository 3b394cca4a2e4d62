using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using PerfFleet.Cli.Commands;

namespace PerfFleet.Cli;

/// <summary>The `perffleet` entry point, callable in-process (tests) as well as from Program.</summary>
public static class CliApplication
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, CliEnvironment.ForProcess() with { Stdout = stdout, Stderr = stderr, InteractiveTerminal = false });

    /// <summary>How long a cancelled command may take to stop what it started (the demo's processes: a grace each, then a kill).</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = BuildCommands(environment);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = environment.Stdout,
            Error = environment.Stderr,

            // Known failures are mapped by CommandRunner; anything else is a bug and should show its trace.
            EnableDefaultExceptionHandler = false,

            // Ctrl+C or SIGTERM cancels the command's token, and the process then waits this long
            // for it to finish. System.CommandLine's default of 2 s ended `demo --keep` before it
            // had stopped its workers, coordinators and PostgreSQL, which then ran on without it.
            ProcessTerminationTimeout = StopGrace,
        };

        if (parseResult.Errors.Count > 0 && parseResult.Action is not ExitCodeHelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Stderr.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await environment.Stderr.WriteLineAsync("see: perffleet --help").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand BuildCommands(CliEnvironment environment)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(globals, environment);
        var root = new RootCommand("perffleet: schedule, watch and compare PerfFleet load tests");
        globals.AddTo(root);
        foreach (var option in root.Options)
        {
            if (option is HelpOption help && help.Action is SynchronousCommandLineAction standard)
            {
                help.Action = new ExitCodeHelpAction(standard);
            }
        }

        root.Subcommands.Add(ScheduleCommand.Create(runner));
        root.Subcommands.Add(UpdateCommand.Create(runner));
        root.Subcommands.Add(StopCommand.Create(runner));
        root.Subcommands.Add(ListCommand.Create(runner));
        root.Subcommands.Add(GetCommand.Create(runner));
        root.Subcommands.Add(WatchCommand.Create(runner));
        root.Subcommands.Add(WorkersCommand.Create(runner));
        root.Subcommands.Add(RerunCommand.Create(runner));
        root.Subcommands.Add(HistoryCommand.Create(runner));
        root.Subcommands.Add(BaselinesCommand.Create(runner));
        root.Subcommands.Add(CompareCommand.Create(runner));
        root.Subcommands.Add(BisectCommand.Create(runner));
        root.Subcommands.Add(ReposCommand.Create(runner));
        root.Subcommands.Add(PayloadCommand.Create(runner));
        root.Subcommands.Add(PayloadsCommand.Create(runner));
        root.Subcommands.Add(ValidateCommand.Create(runner));

        root.Subcommands.Add(RunCommand.Create(runner));
        root.Subcommands.Add(DemoCommand.Create(runner));
        return root;
    }
}
