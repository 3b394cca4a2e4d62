using System.Buffers;

namespace Grpc.Core;

/// <summary>One received message's payload, offered to a marshaller without copying when it can take a sequence.</summary>
public abstract class DeserializationContext
{
    public abstract int PayloadLength { get; }

    public virtual byte[] PayloadAsNewBuffer() => throw new NotImplementedException();

    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotImplementedException();
}
