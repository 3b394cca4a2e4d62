using Google.Protobuf;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.LocalRun;

/// <summary>A saved local result: the run's <see cref="TestDetails"/> in protobuf JSON, readable by people and by --compare-to.</summary>
public static class LocalResultFile
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static Task SaveAsync(string path, TestDetails details, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Formatter.Format(details), cancellationToken);

    public static async Task<TestDetails> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: no such result file (write one with perffleet run --save)");
        }

        try
        {
            var details = Parser.Parse<TestDetails>(await File.ReadAllTextAsync(path, cancellationToken));
            return details.Test is null
                ? throw new CliInputException($"{path}: not a PerfFleet result file (no 'test' object)")
                : details;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CliInputException($"{path}: not a PerfFleet result file: {e.Message}");
        }
    }
}
