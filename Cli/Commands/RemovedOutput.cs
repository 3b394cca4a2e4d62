using Google.Protobuf;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>What a removal prints: the (empty) answer as JSON, else one line naming what went.</summary>
internal static class RemovedOutput
{
    public static int Write(CommandContext context, IMessage response, string name)
    {
        if (context.Format == Output.OutputFormat.Json)
        {
            context.Json.Write(response);
        }
        else
        {
            context.Console.WriteLine($"removed {name}");
        }

        return ExitCodes.Ok;
    }
}
