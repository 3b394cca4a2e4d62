namespace PerfFleet.LoadEngine.Payloads;

/// <summary>Where a payload list comes from: a JSON-lines file, an http(s) URL, or requests in memory.</summary>
public abstract record PayloadSource
{
    private PayloadSource()
    {
    }

    /// <summary>A JSON-lines file on this machine.</summary>
    public sealed record File(string Path) : PayloadSource;

    /// <summary>A JSON-lines file served over http(s) (blob storage).</summary>
    public sealed record Url(Uri Location) : PayloadSource;

    /// <summary>Requests built in code.</summary>
    public sealed record InMemory(IReadOnlyList<PayloadRequest> Requests) : PayloadSource;

    /// <summary>An http(s) URL becomes <see cref="Url"/>, anything else a <see cref="File"/> path.</summary>
    public static PayloadSource Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Url(uri)
            : new File(location);
    }
}
