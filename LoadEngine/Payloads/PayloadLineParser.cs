using System.Text.Json;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Payloads;

/// <summary>
/// Parses one JSON-lines payload: {"method","path"|"url","headers":{..},"body":base64,"name","timeout"}.
/// Unknown fields are refused: a misspelt "heders" silently ignored would send the wrong requests.
/// </summary>
internal static class PayloadLineParser
{
    private static readonly HashSet<string> KnownFields = ["method", "path", "url", "headers", "body", "name", "timeout"];

    public static PayloadRequest Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                throw new FormatException($"unknown field \"{property.Name}\" (known: {string.Join(", ", KnownFields)})");
            }
        }

        var method = OptionalString(root, "method") ?? "GET";
        if (method.Length == 0 || !method.All(char.IsAsciiLetterUpper))
        {
            throw new FormatException($"\"{method}\" is not an HTTP method (upper-case letters, e.g. GET)");
        }

        return new PayloadRequest
        {
            Method = method,
            PathAndQuery = ReadPath(root),
            Headers = ReadHeaders(root),
            Body = ReadBody(root),
            Name = OptionalString(root, "name"),
            Timeout = OptionalString(root, "timeout") is { } t ? ReadTimeout(t) : null,
        };
    }

    private static string ReadPath(JsonElement root)
    {
        var path = OptionalString(root, "path");
        var url = OptionalString(root, "url");
        if (path is not null && url is not null)
        {
            throw new FormatException("give either \"path\" or \"url\", not both");
        }

        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"\"url\" must be an absolute http(s) URL, got \"{url}\"");
            }

            return uri.PathAndQuery;
        }

        if (path is null)
        {
            throw new FormatException("\"path\" or \"url\" is required");
        }

        if (!path.StartsWith('/') || path.Any(c => c <= ' ' || c >= 0x7f))
        {
            throw new FormatException($"\"path\" must start with / and contain no spaces or control characters, got \"{path}\"");
        }

        return path;
    }

    private static Dictionary<string, string> ReadHeaders(JsonElement root)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("headers", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"headers\" must be an object of name: value strings");
        }

        foreach (var header in element.EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"header \"{header.Name}\" must be a string");
            }

            var value = header.Value.GetString()!;
            if (header.Name.Length == 0 || header.Name.Any(c => c <= ' ' || c >= 0x7f || c == ':') || value.Any(c => c is '\r' or '\n'))
            {
                throw new FormatException($"header \"{header.Name}\" has a name or value that cannot be sent");
            }

            headers[header.Name] = value;
        }

        return headers;
    }

    private static ReadOnlyMemory<byte> ReadBody(JsonElement root)
    {
        var body = OptionalString(root, "body");
        if (string.IsNullOrEmpty(body))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            throw new FormatException("\"body\" is not valid base64");
        }
    }

    // Zero would time every request of this line out before it is sent: refused like a zero load.timeout.
    private static TimeSpan ReadTimeout(string text) =>
        !DurationParser.TryParse(text, out var timeout, out var error) ? throw new FormatException("timeout: " + error)
        : timeout <= TimeSpan.Zero ? throw new FormatException($"timeout: must be more than 0, got \"{text}\"")
        : timeout;

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new FormatException($"\"{name}\" must be a string");
    }
}
