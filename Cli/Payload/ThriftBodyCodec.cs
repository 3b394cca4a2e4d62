using System.Text.Json;
using System.Text.Json.Nodes;
using Thrift;
using Thrift.Protocol;
using Thrift.Transport;
using Thrift.Transport.Client;

namespace PerfFleet.Cli.Payload;

/// <summary>The Thrift protocols a body may be in (ApacheThrift's TBinaryProtocol and TCompactProtocol).</summary>
public enum ThriftProtocolKind
{
    Binary,
    Compact,
}

/// <summary>
/// Thrift bodies: readable JSON (fields by name) to one serialized struct and back, for a struct known only from
/// an IDL file. ApacheThrift does the wire protocols; the IDL is read by this CLI, as no .NET library parses it.
/// </summary>
public sealed class ThriftBodyCodec : IBodyCodec
{
    private readonly ThriftSchema schema;
    private readonly ThriftStructDefinition root;
    private readonly ThriftProtocolKind protocol;

    private ThriftBodyCodec(ThriftSchema schema, ThriftStructDefinition root, ThriftProtocolKind protocol)
    {
        this.schema = schema;
        this.root = root;
        this.protocol = protocol;
    }

    /// <summary>Loads the IDL (and what it includes, relative to its directory) and finds the body's struct.</summary>
    public static ThriftBodyCodec Load(string idlPath, byte[] idlBytes, string structName, ThriftProtocolKind protocol)
    {
        ArgumentNullException.ThrowIfNull(structName);
        var schema = ThriftSchemaLoader.Load(idlPath, idlBytes);
        return new ThriftBodyCodec(schema, schema.Struct(structName), protocol);
    }

    public byte[] Encode(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.GetValueKind() != JsonValueKind.Object)
        {
            throw new PayloadFormatException($"a Thrift {root.Name} body must be a JSON object");
        }

        // In-memory transport: every call completes synchronously, so waiting here never blocks.
        return EncodeAsync(body.AsObject()).GetAwaiter().GetResult();
    }

    public JsonNode? Decode(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return DecodeAsync(body).GetAwaiter().GetResult();
        }
        catch (TTransportException e) when (e.Type is TTransportException.ExceptionType.EndOfFile or TTransportException.ExceptionType.MessageSizeLimit)
        {
            // The library says "Remote side has closed" or "MaxMessageSize reached": for a body, both mean it ran out.
            throw new PayloadFormatException($"body is not a valid Thrift {root.Name} ({Name(protocol)} protocol): it ends before the struct does (cut off, or a size in it is wrong)", e);
        }
        catch (TException e)
        {
            // Truncated or corrupt bytes: the library names what it could not read.
            throw new PayloadFormatException($"body is not a valid Thrift {root.Name} ({Name(protocol)} protocol): {e.Message}", e);
        }
    }

    private async Task<byte[]> EncodeAsync(JsonObject body)
    {
        using var transport = new TMemoryBufferTransport(new TConfiguration(), 256);
        using var writer = Create(transport);
        await new ThriftJsonWriter(schema).WriteStructAsync(writer, root, body, "$", CancellationToken.None).ConfigureAwait(false);
        await transport.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return transport.GetBuffer();
    }

    private async Task<JsonObject> DecodeAsync(byte[] body)
    {
        using var transport = new TMemoryBufferTransport(body, new TConfiguration());
        using var reader = Create(transport);
        JsonObject json;
        try
        {
            json = await new ThriftJsonReader(schema).ReadStructAsync(reader, root, "$", CancellationToken.None).ConfigureAwait(false);
        }
        catch (PayloadFormatException e)
        {
            // The reader names the JSON path; "body: " says which part of the request it is in, as encode does.
            throw new PayloadFormatException("body: " + e.Message, e);
        }

        var left = transport.Length - transport.Position;
        return left == 0
            ? json
            : throw new PayloadFormatException($"body has {left} bytes after the end of the {root.Name} struct (wrong --thrift-struct or --thrift-protocol?)");
    }

    private TProtocol Create(TMemoryBufferTransport transport) =>
        protocol == ThriftProtocolKind.Compact ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);

    private static string Name(ThriftProtocolKind kind) => kind.ToString().ToLowerInvariant();
}
