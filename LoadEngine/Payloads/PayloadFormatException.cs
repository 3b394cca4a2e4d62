namespace PerfFleet.LoadEngine.Payloads;

/// <summary>One malformed line of a payload file.</summary>
public sealed record PayloadLineError(int LineNumber, string Message)
{
    public override string ToString() => $"line {LineNumber}: {Message}";
}

/// <summary>A payload file has malformed lines; <see cref="Errors"/> lists them with their line numbers.</summary>
public sealed class PayloadFormatException : Exception
{
    public PayloadFormatException()
        : this("payloads", [])
    {
    }

    public PayloadFormatException(string message)
        : base(message)
    {
        Source = "payloads";
    }

    public PayloadFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "payloads";
    }

    public PayloadFormatException(string source, IReadOnlyList<PayloadLineError> errors)
        : base(Describe(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    public IReadOnlyList<PayloadLineError> Errors { get; } = [];

    private static string Describe(string source, IReadOnlyList<PayloadLineError> errors) =>
        errors.Count == 0
            ? $"{source}: no requests"
            : $"{source}: {errors.Count} malformed line(s): " + string.Join("; ", errors.Take(10)) + (errors.Count > 10 ? "; ..." : string.Empty);
}
