using System.CommandLine;
using PerfFleet.Cli.Connection;
using PerfFleet.Cli.Output;
using Spectre.Console;

namespace PerfFleet.Cli;

/// <summary>What one command invocation works with: parsed global options, output and a connection factory.</summary>
public sealed class CommandContext
{
    private readonly GlobalOptions globals;
    private ConnectionSettings? settings;

    public CommandContext(ParseResult parseResult, GlobalOptions globals, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        ParseResult = parseResult;
        this.globals = globals;
        Environment = environment;
        Format = parseResult.GetValue(globals.Output);
        Console = ConsoleFactory.Create(environment.Stdout, environment.InteractiveTerminal);
        Json = new JsonOutput(environment.Stdout);
    }

    public ParseResult ParseResult { get; }

    public CliEnvironment Environment { get; }

    public OutputFormat Format { get; }

    public IAnsiConsole Console { get; }

    public JsonOutput Json { get; }

    public ConnectionSettings Settings => settings ??= ConnectionSettings.Resolve(
        ParseResult.GetValue(globals.Coordinator),
        ParseResult.GetValue(globals.Token),
        Environment.GetEnvironmentVariable);

    public CoordinatorConnection Connect() => new(Settings, Environment.Time);

    public T GetValue<T>(Option<T> option) => ParseResult.GetValue(option)!;

    public T GetValue<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;
}
