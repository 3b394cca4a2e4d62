using System.CommandLine;
using System.CommandLine.Invocation;

namespace PerfFleet.Cli;

/// <summary>The standard help, followed by the exit codes scripts can rely on.</summary>
public sealed class ExitCodeHelpAction(SynchronousCommandLineAction standardHelp) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        standardHelp.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            output.WriteLine($"  {code,3}  {meaning}");
        }

        output.WriteLine();
        return ExitCodes.Ok;
    }
}
