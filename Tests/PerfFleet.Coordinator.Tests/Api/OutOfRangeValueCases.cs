using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// For every method of the coordinator's services, every field a request can hold a Duration,
/// Timestamp or enum in (nested and repeated included), and a request with one value there that
/// no field may hold: found from the descriptors, so a new method or field is covered at once.
/// </summary>
public static class OutOfRangeValueCases
{
    private const int MaxDepth = 6;

    public static IReadOnlyList<ServiceDescriptor> Services { get; } =
    [
        LoadtestsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("LoadTests"),
        FleetReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Fleet"),
        RepositoriesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Repositories"),
    ];

    /// <summary>(method, field path, what is wrong, the request's bytes).</summary>
    public static IEnumerable<Case> All() =>
        from service in Services
        from method in service.Methods
        from site in Sites(method.InputType, [], 0)
        from bad in BadValues(site[^1])
        select new Case(method, string.Join('.', site.Select(f => f.Name)), bad.Name, Build(method.InputType, site, bad.Value));

    public sealed record Case(MethodDescriptor Method, string Field, string Value, byte[] Request)
    {
        public string Path => $"/{Method.Service.FullName}/{Method.Name}";

        public override string ToString() => $"{Method.Service.Name}.{Method.Name} {Field} = {Value}";
    }

    private static IEnumerable<FieldDescriptor[]> Sites(MessageDescriptor type, FieldDescriptor[] path, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        foreach (var field in type.Fields.InFieldNumberOrder().Where(f => !f.IsMap))
        {
            FieldDescriptor[] here = [.. path, field];
            if (field.FieldType == FieldType.Enum || (field.FieldType == FieldType.Message && field.MessageType.FullName is "google.protobuf.Duration" or "google.protobuf.Timestamp"))
            {
                yield return here;
            }
            else if (field is { FieldType: FieldType.Message, MessageType: { } messageType })
            {
                foreach (var nested in Sites(messageType, here, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<(string Name, object Value)> BadValues(FieldDescriptor field)
    {
        switch (field.FieldType == FieldType.Enum ? "enum" : field.MessageType.FullName)
        {
            case "enum":
                yield return ("99", System.Enum.ToObject(field.EnumType.ClrType, 99));
                break;
            case "google.protobuf.Duration":
                yield return ("seconds beyond TimeSpan", new Duration { Seconds = long.MaxValue / 2 });
                yield return ("nanos 2e9", new Duration { Seconds = 1, Nanos = 2_000_000_000 });
                break;
            default:
                yield return ("year 10000", new Timestamp { Seconds = 253_402_300_800 });
                yield return ("nanos -1", new Timestamp { Seconds = 1, Nanos = -1 });
                break;
        }
    }

    private static byte[] Build(MessageDescriptor type, FieldDescriptor[] path, object value)
    {
        var root = (IMessage)Activator.CreateInstance(type.ClrType)!;
        var message = root;
        foreach (var field in path[..^1])
        {
            var child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
            if (field.IsRepeated)
            {
                ((IList)field.Accessor.GetValue(message)).Add(child);
            }
            else
            {
                field.Accessor.SetValue(message, child);
            }

            message = child;
        }

        var leaf = path[^1];
        if (leaf.IsRepeated)
        {
            ((IList)leaf.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            leaf.Accessor.SetValue(message, value);
        }

        return root.ToByteArray();
    }
}
