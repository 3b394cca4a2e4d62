using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Protocol;

/// <summary>Reads length-prefixed messages from a pipe; used by the server (request body) and the client (response body).</summary>
internal sealed class MessageFrameReader(PipeReader reader, int? maxReceiveMessageSize, string? messageEncoding)
{
    /// <summary>Reads the next message; false at the clean end of the stream.</summary>
    public async ValueTask<(bool Found, T Message)> ReadAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, out var payload))
            {
                try
                {
                    return (true, Deserialize(marshaller, payload));
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
            }

            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover == 0)
                {
                    return (false, default!);
                }

                throw new RpcException(new Status(StatusCode.Internal, $"The stream ended inside a message ({leftover} bytes of an incomplete message)."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        var compressed = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (compressed > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {compressed} in the message header."));
        }

        if (compressed == 1)
        {
            // PROTOCOL-HTTP2: a compressed message without a (supported) grpc-encoding is a protocol error;
            // an encoding we do not implement is UNIMPLEMENTED.
            throw string.IsNullOrEmpty(messageEncoding) || messageEncoding == GrpcProtocol.IdentityEncoding
                ? new RpcException(new Status(StatusCode.Internal, "Received a compressed message but grpc-encoding does not name a compression."))
                : new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value \"{messageEncoding}\". Supported encodings: identity"));
        }

        if (length > (uint)(maxReceiveMessageSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {maxReceiveMessageSize} bytes)."));
        }

        if (buffer.Length < GrpcProtocol.MessageHeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static T Deserialize<T>(Marshaller<T> marshaller, ReadOnlySequence<byte> payload)
    {
        try
        {
            return marshaller.ContextualDeserializer(new SequenceDeserializationContext(payload));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message.", e));
        }
    }

    private sealed class SequenceDeserializationContext(ReadOnlySequence<byte> payload) : DeserializationContext
    {
        public override int PayloadLength => (int)payload.Length;

        public override byte[] PayloadAsNewBuffer() => payload.ToArray();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
    }
}
