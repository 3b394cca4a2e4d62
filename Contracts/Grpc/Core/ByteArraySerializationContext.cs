using System.Buffers;

namespace Grpc.Core;

/// <summary>Collects a contextual serializer's output into an array, for Marshaller.Serializer.</summary>
internal sealed class ByteArraySerializationContext : SerializationContext
{
    private readonly ArrayBufferWriter<byte> buffer = new();
    private byte[]? completed;

    public override void Complete(byte[] payload) => completed = payload;

    public override IBufferWriter<byte> GetBufferWriter() => buffer;

    public override void Complete() => completed = buffer.WrittenSpan.ToArray();

    public byte[] ToArray() => completed ?? throw new InvalidOperationException("The serializer did not complete the message.");
}
