using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>Converts a request body between its readable JSON form and the bytes sent on the wire.</summary>
public interface IBodyCodec
{
    /// <summary>Bytes for a readable body (a JSON value, or a JSON string taken as text).</summary>
    byte[] Encode(JsonNode body);

    /// <summary>The readable form of the bytes, or null when they have none (the caller keeps base64).</summary>
    JsonNode? Decode(byte[] body);
}
