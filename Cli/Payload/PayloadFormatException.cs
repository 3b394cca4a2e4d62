namespace PerfFleet.Cli.Payload;

/// <summary>
/// A payload file that cannot be read; the message names the line (1-based) and what is wrong, or for a
/// Thrift IDL its file, line and column.
/// </summary>
public sealed class PayloadFormatException : Exception
{
    public PayloadFormatException(string message)
        : base(message)
    {
    }

    public PayloadFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static PayloadFormatException AtLine(long line, string problem) => new($"line {line}: {problem}");
}
