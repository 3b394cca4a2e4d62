using Spectre.Console;
using Spectre.Console.Rendering;

namespace PerfFleet.Cli.Output;

/// <summary>Tables whose cells are plain text: values from the server are never parsed as Spectre markup.</summary>
public static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    public static void AddTextRow(this Table table, params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());
    }

    public static void WriteTitle(this IAnsiConsole console, string title)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.WriteLine();
        console.Write(new Text(title, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
    }
}
