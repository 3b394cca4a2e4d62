using Google.Protobuf;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Packs repeated protobuf messages (query results, resource series) into one bytea column as
/// length-delimited messages, the protobuf-native framing, and reads them back.
/// </summary>
public static class ResultPayloads
{
    public static byte[] Pack<TMessage>(IEnumerable<TMessage> messages)
        where TMessage : IMessage<TMessage>
    {
        using var stream = new MemoryStream();
        foreach (var message in messages)
        {
            message.WriteDelimitedTo(stream);
        }

        return stream.ToArray();
    }

    public static IReadOnlyList<TMessage> Unpack<TMessage>(byte[] payload, MessageParser<TMessage> parser)
        where TMessage : IMessage<TMessage>
    {
        var messages = new List<TMessage>();
        using var stream = new MemoryStream(payload, writable: false);
        while (stream.Position < stream.Length)
        {
            messages.Add(parser.ParseDelimitedFrom(stream));
        }

        return messages;
    }
}
