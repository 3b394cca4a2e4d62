using System.Text.Json;
using System.Text.Json.Nodes;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Cli.Payload;

/// <summary>The fields both formats share (method, path/url, headers, name, timeout) and their checks.</summary>
internal static class PayloadFields
{
    private static readonly HashSet<string> Known = ["method", "path", "url", "headers", "body", "bodyBase64", "name", "timeout"];

    public static PayloadRequest Read(JsonObject json, byte[] body, long line)
    {
        foreach (var property in json)
        {
            if (!Known.Contains(property.Key))
            {
                throw PayloadFormatException.AtLine(line, $"unknown field \"{property.Key}\" (expected {string.Join(", ", Known)})");
            }
        }

        var method = String(json, "method", line) ?? throw PayloadFormatException.AtLine(line, "\"method\" is missing");
        var path = String(json, "path", line);
        var url = String(json, "url", line);
        if ((path is null) == (url is null))
        {
            throw PayloadFormatException.AtLine(line, "exactly one of \"path\" or \"url\" is needed");
        }

        if (path is not null && !path.StartsWith('/'))
        {
            throw PayloadFormatException.AtLine(line, $"\"path\" must start with '/': {path}");
        }

        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw PayloadFormatException.AtLine(line, $"\"url\" is not an absolute URL: {url}");
        }

        // The load engine reads the same field with the same parser: a file that encodes here replays there.
        var timeout = String(json, "timeout", line);
        if (timeout is not null && (!DurationParser.TryParse(timeout, out var parsed, out var error) || parsed <= TimeSpan.Zero))
        {
            throw PayloadFormatException.AtLine(line, $"\"timeout\" is not a duration more than 0: {error ?? timeout}");
        }

        return new PayloadRequest(method.ToUpperInvariant(), path, url, Headers(json, line), body, String(json, "name", line), line, timeout);
    }

    public static JsonObject Common(PayloadRequest request)
    {
        var json = new JsonObject { ["method"] = request.Method };
        if (request.Path is not null)
        {
            json["path"] = request.Path;
        }
        else
        {
            json["url"] = request.Url;
        }

        var headers = new JsonObject();
        foreach (var (key, value) in request.Headers)
        {
            headers[key] = value;
        }

        json["headers"] = headers;
        if (request.Name is not null)
        {
            json["name"] = request.Name;
        }

        if (request.Timeout is not null)
        {
            json["timeout"] = request.Timeout;
        }

        return json;
    }

    private static string? String(JsonObject json, string field, long line)
    {
        var node = json[field];
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw PayloadFormatException.AtLine(line, $"\"{field}\" must be a string");
    }

    private static Dictionary<string, string> Headers(JsonObject json, long line)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (json["headers"] is null)
        {
            return headers;
        }

        if (json["headers"] is not JsonObject map)
        {
            throw PayloadFormatException.AtLine(line, "\"headers\" must be an object of name: value");
        }

        foreach (var (key, value) in map)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                throw PayloadFormatException.AtLine(line, $"header \"{key}\" must be a string");
            }

            headers[key] = value.GetValue<string>();
        }

        return headers;
    }
}
