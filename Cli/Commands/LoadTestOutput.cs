using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>Writes a LoadTest answer (schedule, update, stop, rerun) in the chosen format.</summary>
public static class LoadTestOutput
{
    public static void Write(CommandContext context, LoadTest test)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Format == OutputFormat.Json)
        {
            context.Json.Write(test);
        }
        else
        {
            LoadTestRenderer.WriteOne(context.Console, test);
        }
    }
}
