using System.Buffers;

namespace Grpc.Core;

/// <summary>Where a marshaller writes one message: either a whole array (Complete(byte[])) or,
/// after SetPayloadLength, into GetBufferWriter() followed by Complete().</summary>
public abstract class SerializationContext
{
    public virtual void Complete(byte[] payload) => throw new NotImplementedException();

    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotImplementedException();

    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    public virtual void Complete() => throw new NotImplementedException();
}
