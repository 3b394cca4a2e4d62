using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// The readable format: a JSON array of {method, path|url, headers, body, name}, where body is a JSON
/// value or a string (text), or "bodyBase64" for bytes that are not text.
/// </summary>
public static class PayloadJsonFormat
{
    public static IReadOnlyList<PayloadRequest> Read(string text, IBodyCodec codec)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(codec);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw PayloadFormatException.AtLine((e.LineNumber ?? 0) + 1, "not valid JSON: " + e.Message);
        }

        if (root is not JsonArray array)
        {
            throw PayloadFormatException.AtLine(1, "expected a JSON array of requests");
        }

        var lines = ElementLines(text);
        var requests = new List<PayloadRequest>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var line = i < lines.Count ? lines[i] : 1;
            if (array[i] is not JsonObject json)
            {
                throw PayloadFormatException.AtLine(line, $"request {i + 1} is not a JSON object");
            }

            requests.Add(PayloadFields.Read(json, Body(json, codec, line), line));
        }

        return requests;
    }

    public static string Write(IEnumerable<PayloadRequest> requests, IBodyCodec codec)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(codec);
        var array = new JsonArray();
        foreach (var request in requests)
        {
            var json = PayloadFields.Common(request);
            if (request.Body.Length > 0)
            {
                if (DecodeBody(codec, request) is { } readable)
                {
                    json["body"] = readable;
                }
                else
                {
                    json["bodyBase64"] = Convert.ToBase64String(request.Body);
                }
            }

            array.Add(json);
        }

        return array.ToJsonString(PayloadJson.Indented) + "\n";
    }

    private static JsonNode? DecodeBody(IBodyCodec codec, PayloadRequest request)
    {
        try
        {
            return codec.Decode(request.Body);
        }
        catch (PayloadFormatException e)
        {
            throw PayloadFormatException.AtLine(request.SourceLine, e.Message);
        }
    }

    private static byte[] Body(JsonObject json, IBodyCodec codec, long line)
    {
        if (json["body"] is { } body && json["bodyBase64"] is not null)
        {
            throw PayloadFormatException.AtLine(line, "give \"body\" or \"bodyBase64\", not both");
        }

        if (json["bodyBase64"] is { } base64)
        {
            try
            {
                return Convert.FromBase64String(base64.GetValue<string>());
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw PayloadFormatException.AtLine(line, "\"bodyBase64\" is not a base64 string");
            }
        }

        try
        {
            return json["body"] is { } value ? codec.Encode(value) : [];
        }
        catch (PayloadFormatException e)
        {
            throw PayloadFormatException.AtLine(line, "body: " + e.Message);
        }
    }

    // Line (1-based) where each top-level array element starts, so errors point into the file.
    private static List<long> ElementLines(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lines = new List<long>();
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.PropertyName))
            {
                lines.Add(1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }

        return lines;
    }
}
