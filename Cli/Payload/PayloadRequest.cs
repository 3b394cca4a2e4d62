namespace PerfFleet.Cli.Payload;

/// <summary>One replayable request, the form shared by both file formats; the body is raw bytes.</summary>
/// <remarks>
/// <para>Timeout: The request's own timeout as written (a duration such as <c>500ms</c>), kept as text so a round trip changes nothing.</para>
/// </remarks>
public sealed record PayloadRequest(
    string Method,
    string? Path,
    string? Url,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? Name,
    long SourceLine = 0,
    string? Timeout = null);
