using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Protobuf bodies: readable JSON (proto3 JSON field names) to binary and back, for a message type known only
/// from a descriptor set. Google.Protobuf 3.25.1 has no dynamic message, so its JsonParser/JsonFormatter cannot
/// be used for such types; this walks the descriptors with CodedOutputStream/CodedInputStream instead.
/// </summary>
public sealed class ProtobufBodyCodec(MessageDescriptor message) : IBodyCodec
{
    public byte[] Encode(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.GetValueKind() != JsonValueKind.Object)
        {
            throw new PayloadFormatException($"a {message.FullName} body must be a JSON object");
        }

        return ProtobufJsonEncoder.Encode(body.AsObject(), message);
    }

    public JsonNode? Decode(byte[] body) => ProtobufJsonDecoder.Decode(body, message);
}
