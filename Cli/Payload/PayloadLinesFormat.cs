using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// The load engine's replay format: one JSON object per line with method, path or url, headers,
/// body (base64) and name. Blank lines are skipped.
/// </summary>
public static class PayloadLinesFormat
{
    public static IReadOnlyList<PayloadRequest> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requests = new List<PayloadRequest>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            requests.Add(ReadLine(line, i + 1));
        }

        return requests;
    }

    public static string Write(IEnumerable<PayloadRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var builder = new System.Text.StringBuilder();
        foreach (var request in requests)
        {
            var line = PayloadFields.Common(request);
            line["body"] = Convert.ToBase64String(request.Body);
            builder.Append(line.ToJsonString(PayloadJson.Compact)).Append('\n');
        }

        return builder.ToString();
    }

    private static PayloadRequest ReadLine(string line, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw PayloadFormatException.AtLine(lineNumber, "not valid JSON: " + e.Message);
        }

        if (node is not JsonObject json)
        {
            throw PayloadFormatException.AtLine(lineNumber, "expected a JSON object");
        }

        var body = Array.Empty<byte>();
        if (json["body"] is { } bodyNode)
        {
            if (bodyNode.GetValueKind() != JsonValueKind.String)
            {
                throw PayloadFormatException.AtLine(lineNumber, "\"body\" must be a base64 string");
            }

            try
            {
                body = Convert.FromBase64String(bodyNode.GetValue<string>());
            }
            catch (FormatException)
            {
                throw PayloadFormatException.AtLine(lineNumber, "\"body\" is not valid base64");
            }
        }

        return PayloadFields.Read(json, body, lineNumber);
    }
}
