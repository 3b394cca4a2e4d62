using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Protocol;

/// <summary>Builds one length-prefixed message: flag 0 (never compressed), 4-byte big-endian length, payload.</summary>
internal static class MessageFrame
{
    public static ReadOnlyMemory<byte> Serialize<T>(Marshaller<T> marshaller, T message, int? maxSendMessageSize)
    {
        var context = new FrameSerializationContext(maxSendMessageSize);
        try
        {
            marshaller.ContextualSerializer(message, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to serialize the message.", e));
        }

        return context.GetFrame();
    }

    private sealed class FrameSerializationContext(int? maxSendMessageSize) : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> buffer = new();
        private bool completed;

        public override void SetPayloadLength(int payloadLength) => CheckSize(payloadLength);

        public override IBufferWriter<byte> GetBufferWriter()
        {
            ReserveHeader();
            return buffer;
        }

        public override void Complete(byte[] payload)
        {
            CheckSize(payload.Length);
            ReserveHeader();
            buffer.Write(payload);
            completed = true;
        }

        public override void Complete() => completed = true;

        public ReadOnlyMemory<byte> GetFrame()
        {
            if (!completed)
            {
                throw new RpcException(new Status(StatusCode.Internal, "The serializer did not complete the message."));
            }

            ReserveHeader();
            var payloadLength = buffer.WrittenCount - GrpcProtocol.MessageHeaderSize;
            CheckSize(payloadLength);
            var frame = buffer.WrittenMemory;

            // The header was reserved before the payload; fill it in now that the length is known.
            var header = System.Runtime.InteropServices.MemoryMarshal.AsMemory(frame).Span;
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)payloadLength);
            return frame;
        }

        private void ReserveHeader()
        {
            if (buffer.WrittenCount == 0)
            {
                buffer.GetSpan(GrpcProtocol.MessageHeaderSize)[..GrpcProtocol.MessageHeaderSize].Clear();
                buffer.Advance(GrpcProtocol.MessageHeaderSize);
            }
        }

        private void CheckSize(int payloadLength)
        {
            if (payloadLength > maxSendMessageSize)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({payloadLength} > {maxSendMessageSize} bytes)."));
            }
        }
    }
}
