using System.CommandLine;
using Grpc.Core;
using PerfFleet.Cli.Connection;

namespace PerfFleet.Cli;

/// <summary>
/// Runs a command body and turns every known failure into an exit code and one line on stderr,
/// so scripts get stable codes and users never see a stack trace for a case we understand.
/// </summary>
public sealed class CommandRunner(GlobalOptions globals, CliEnvironment environment)
{
    public void Bind(Command command, Func<CommandContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        CommandContext? context = null;
        try
        {
            context = new CommandContext(parseResult, globals, environment);
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled } && cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the command stopped what it started (CliApplication.StopGrace); one line, no trace.
            await environment.Stderr.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (RpcException e)
        {
            var address = context?.Settings.Address ?? new Uri(GlobalOptions.DefaultCoordinator);
            await environment.Stderr.WriteLineAsync(RpcErrorMessages.OneLine(e, address)).ConfigureAwait(false);
            return ExitCodes.ForStatus(e.StatusCode);
        }
        catch (CliUsageException e)
        {
            await environment.Stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (CliInputException e)
        {
            await environment.Stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InputError;
        }
        catch (CliFailureException e)
        {
            await environment.Stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}
