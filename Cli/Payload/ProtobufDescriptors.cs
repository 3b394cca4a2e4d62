using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerfFleet.Cli.Payload;

/// <summary>Loads a FileDescriptorSet (protoc --descriptor_set_out --include_imports) and finds a message type in it.</summary>
public static class ProtobufDescriptors
{
    public static MessageDescriptor LoadMessage(byte[] descriptorSet, string messageName)
    {
        ArgumentNullException.ThrowIfNull(descriptorSet);
        FileDescriptorSet set;
        try
        {
            set = FileDescriptorSet.Parser.ParseFrom(descriptorSet);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new PayloadFormatException("the descriptor set is not a FileDescriptorSet: " + e.Message, e);
        }

        IReadOnlyList<FileDescriptor> files;
        try
        {
            files = FileDescriptor.BuildFromByteStrings(DependenciesFirst(set).Select(f => f.ToByteString()));
        }
        catch (ArgumentException e)
        {
            throw new PayloadFormatException("the descriptor set is incomplete (build it with protoc --include_imports): " + e.Message, e);
        }
        catch (DescriptorValidationException e)
        {
            throw new PayloadFormatException("the descriptor set is invalid: " + e.Message, e);
        }

        var name = messageName.TrimStart('.');
        var all = files.SelectMany(f => Flatten(f.MessageTypes)).ToList();
        return all.FirstOrDefault(m => m.FullName == name)
            ?? throw new PayloadFormatException($"message \"{name}\" is not in the descriptor set (it has: {string.Join(", ", all.Select(m => m.FullName).Take(20))})");
    }

    private static IEnumerable<MessageDescriptor> Flatten(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => Flatten(m.NestedTypes).Prepend(m));

    // BuildFromByteStrings needs every file after its imports; protoc already orders them, other tools may not.
    private static List<FileDescriptorProto> DependenciesFirst(FileDescriptorSet set)
    {
        var byName = set.File.ToDictionary(f => f.Name);
        var ordered = new List<FileDescriptorProto>();
        var visited = new HashSet<string>();

        void Visit(FileDescriptorProto file)
        {
            if (!visited.Add(file.Name))
            {
                return;
            }

            foreach (var dependency in file.Dependency)
            {
                if (byName.TryGetValue(dependency, out var imported))
                {
                    Visit(imported);
                }
            }

            ordered.Add(file);
        }

        foreach (var file in set.File)
        {
            Visit(file);
        }

        return ordered;
    }
}
