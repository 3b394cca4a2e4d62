namespace PerfFleet.Runs.Payloads;

/// <summary>Downloaded bytes that are not the payload the store described (another SHA-256, more bytes than its size).</summary>
public sealed class PayloadCorruptException : Exception
{
    public PayloadCorruptException()
    {
    }

    public PayloadCorruptException(string message)
        : base(message)
    {
    }

    public PayloadCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The SHA-256 the content should have had; null when the bytes were wrong in another way.</summary>
    public string? Expected { get; private init; }

    public static PayloadCorruptException HashMismatch(string expected, string actual) =>
        new($"the content received has SHA-256 {actual}, not the payload's {expected}") { Expected = expected };

    public static PayloadCorruptException TooLong(long size) =>
        new($"the coordinator sent more than the payload's {size} bytes");
}
