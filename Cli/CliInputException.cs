namespace PerfFleet.Cli;

/// <summary>A local input file is missing or malformed; the message names the file and line.</summary>
public sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
