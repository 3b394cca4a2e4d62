namespace PerfFleet.Cli.Payload;

/// <summary>One replayable request, the form shared by both file formats; the body is raw bytes.</summary>
public sealed record PayloadRequest(
    string Method,
    string? Path,
    string? Url,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? Name,
    long SourceLine = 0);
