namespace PerfFleet.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
}
