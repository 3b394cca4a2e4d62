using Google.Protobuf;

namespace PerfFleet.Cli.Output;

/// <summary>`--output json`: the protobuf JSON mapping of the response, one document (or one line per streamed message).</summary>
public sealed class JsonOutput(TextWriter writer)
{
    // Default values are written too: a script should not need to know proto3's omission rules.
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string Format(IMessage message) => Formatter.Format(message);

    public void Write(IMessage message) => writer.WriteLine(Format(message));
}
