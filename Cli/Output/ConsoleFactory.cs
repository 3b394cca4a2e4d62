using Spectre.Console;

namespace PerfFleet.Cli.Output;

/// <summary>Spectre consoles over a given writer: plain text when redirected, so output is stable in scripts and tests.</summary>
public static class ConsoleFactory
{
    // Wide enough that ids and PromQL names are not wrapped in logs and tests.
    private const int RedirectedWidth = 200;

    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
