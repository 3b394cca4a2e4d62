namespace PerfFleet.Runs.Payloads;

/// <summary>Downloaded bytes whose SHA-256 is not the one the payload store named.</summary>
public sealed class PayloadCorruptException(string expected, string actual)
    : Exception($"the content received has SHA-256 {actual}, not the payload's {expected}")
{
    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
