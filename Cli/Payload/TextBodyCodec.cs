using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Bodies as JSON values or text. Decoding is lossless: a body is shown as a JSON value only when
/// writing that value back gives the very same bytes, otherwise as a string, otherwise (not UTF-8) not at all.
/// </summary>
public sealed class TextBodyCodec : IBodyCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public byte[] Encode(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.GetValueKind() == JsonValueKind.String
            ? Encoding.UTF8.GetBytes(body.GetValue<string>())
            : Encoding.UTF8.GetBytes(body.ToJsonString(PayloadJson.Compact));
    }

    public JsonNode? Decode(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(text);
            if (node is not null && node.GetValueKind() != JsonValueKind.String && node.ToJsonString(PayloadJson.Compact) == text)
            {
                return node;
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as text below.
        }

        return JsonValue.Create(text);
    }
}
