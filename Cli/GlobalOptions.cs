using System.CommandLine;
using PerfFleet.Cli.Output;

namespace PerfFleet.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public const string CoordinatorVariable = "PERFFLEET_COORDINATOR";
    public const string TokenVariable = "PERFFLEET_TOKEN";
    public const string DefaultCoordinator = "http://127.0.0.1:5081";

    public Option<string?> Coordinator { get; } = new("--coordinator")
    {
        Description = $"Coordinator address (env {CoordinatorVariable}, default {DefaultCoordinator})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Admin bearer token (env {TokenVariable})",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (for people) or json (protobuf JSON, for scripts)",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Coordinator);
        root.Options.Add(Token);
        root.Options.Add(Output);
    }
}
