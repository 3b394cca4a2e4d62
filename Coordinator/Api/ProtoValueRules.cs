using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace PerfFleet.Coordinator.Api;

/// <summary>
/// The values protobuf lets through on the wire that no field may hold: a
/// <c>google.protobuf.Duration</c> or <c>Timestamp</c> outside the range its definition gives
/// (and so outside what <see cref="TimeSpan"/> and <see cref="DateTime"/> hold), and an enum
/// number the proto does not define (parsed as an unknown value, silently read as the default
/// by a switch). Walks the message's descriptor: nested messages, repeated fields, map values,
/// so every field of every request is covered without a check in each method.
/// </summary>
public static class ProtoValueRules
{
    // The ranges of duration.proto and timestamp.proto (0001-01-01 to 9999-12-31).
    private const long MaxDurationSeconds = 315_576_000_000;
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;
    private const int NanosPerSecond = 1_000_000_000;

    /// <summary>
    /// The first out-of-range value as (field path, problem), e.g. ("spec.duration", "seconds ... is
    /// out of range"), or null. Paths are proto field names joined by dots; the item of a repeated
    /// field or the key of a map is named in the problem.
    /// </summary>
    public static (string Field, string Problem)? FindProblem(IMessage message) =>
        Walk(message) is { } problem ? (problem.Field.Length == 0 ? DefaultName(message) : problem.Field, problem.Problem) : null;

    // The fields that can hold a checked value, per message type: enums, and messages that can
    // (transitively) hold a Duration, a Timestamp or an enum. Heartbeats and result chunks go
    // through here on every call, so scalar, string and bytes fields (a chunk's repeated samples
    // values, a histogram's bytes) are never read, boxed or named.
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> CheckedFields = new();

    private static string DefaultName(IMessage message) => message is Duration ? "duration" : "timestamp";

    // Field paths are built only for the problem found, on the way out.
    private static (string Field, string Problem)? Walk(IMessage message)
    {
        switch (message)
        {
            case Duration duration:
                return DurationProblem(duration) is { } durationProblem ? (string.Empty, durationProblem) : null;
            case Timestamp timestamp:
                return TimestampProblem(timestamp) is { } timestampProblem ? (string.Empty, timestampProblem) : null;
        }

        foreach (var field in CheckedFields.GetOrAdd(message.Descriptor, FieldsToCheck))
        {
            var value = field.Accessor.GetValue(message);
            var problem = field switch
            {
                { IsMap: true } => MapProblem(field, (IDictionary)value),
                { IsRepeated: true } => RepeatedProblem(field, (IList)value),
                _ => ValueProblem(field, value),
            };
            if (problem is { } found)
            {
                return (found.Field.Length == 0 ? field.Name : $"{field.Name}.{found.Field}", found.Problem);
            }
        }

        return null;
    }

    private static FieldDescriptor[] FieldsToCheck(MessageDescriptor descriptor) =>
        [.. descriptor.Fields.InFieldNumberOrder().Where(f => CanHoldChecked(f, [descriptor]))];

    private static bool CanHoldChecked(FieldDescriptor field, HashSet<MessageDescriptor> visiting)
    {
        var type = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
        return type.FieldType switch
        {
            FieldType.Enum => true,
            FieldType.Message or FieldType.Group => MessageCanHoldChecked(type.MessageType, visiting),
            _ => false,
        };
    }

    private static bool MessageCanHoldChecked(MessageDescriptor message, HashSet<MessageDescriptor> visiting) =>
        message.FullName is "google.protobuf.Duration" or "google.protobuf.Timestamp"
        || (visiting.Add(message) && message.Fields.InFieldNumberOrder().Any(f => CanHoldChecked(f, visiting)));

    // The path stays the field's (what a client names, and the CLI maps to a flag); the item goes in the text.
    private static (string Field, string Problem)? RepeatedProblem(FieldDescriptor field, IList values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (ValueProblem(field, values[i]) is { } problem)
            {
                return (problem.Field, $"item {i}: {problem.Problem}");
            }
        }

        return null;
    }

    private static (string Field, string Problem)? MapProblem(FieldDescriptor field, IDictionary entries)
    {
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (DictionaryEntry entry in entries)
        {
            if (ValueProblem(valueField, entry.Value) is { } problem)
            {
                return (problem.Field, $"key {entry.Key}: {problem.Problem}");
            }
        }

        return null;
    }

    private static (string Field, string Problem)? ValueProblem(FieldDescriptor field, object? value) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => value is IMessage nested ? Walk(nested) : null,
        FieldType.Enum when value is not null => EnumProblem(field.EnumType, Convert.ToInt32(value, CultureInfo.InvariantCulture)) is { } problem ? (string.Empty, problem) : null,
        _ => null,
    };

    // An unknown number parses as a value of the CLR enum that no case names: a switch would read it as its default.
    private static string? EnumProblem(EnumDescriptor type, int number) =>
        type.FindValueByNumber(number) is null
            ? $"{number} is not a value of {type.Name} (one of: {string.Join(", ", type.Values.Select(v => v.Name))})"
            : null;

    private static string? DurationProblem(Duration duration) =>
        duration.Seconds is < -MaxDurationSeconds or > MaxDurationSeconds
            ? $"seconds {duration.Seconds} is out of range (at most ±{MaxDurationSeconds})"
            : duration.Nanos is <= -NanosPerSecond or >= NanosPerSecond
                ? $"nanos {duration.Nanos} is out of range (-999999999 to 999999999)"
                : (duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0)
                    ? $"seconds {duration.Seconds} and nanos {duration.Nanos} have different signs"
                    : null;

    private static string? TimestampProblem(Timestamp timestamp) =>
        timestamp.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds
            ? $"seconds {timestamp.Seconds} is out of range (0001-01-01 to 9999-12-31)"
            : timestamp.Nanos is < 0 or >= NanosPerSecond
                ? $"nanos {timestamp.Nanos} is out of range (0 to 999999999)"
                : null;
}
