using System.Collections;
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
    public static (string Field, string Problem)? FindProblem(IMessage message) => Walk(message, prefix: null);

    private static (string Field, string Problem)? Walk(IMessage message, string? prefix)
    {
        switch (message)
        {
            case Duration duration:
                return DurationProblem(duration) is { } durationProblem ? (prefix ?? "duration", durationProblem) : null;
            case Timestamp timestamp:
                return TimestampProblem(timestamp) is { } timestampProblem ? (prefix ?? "timestamp", timestampProblem) : null;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix is null ? field.Name : $"{prefix}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            var problem = field switch
            {
                { IsMap: true } => MapProblem(field, (IDictionary)value, path),
                { IsRepeated: true } => RepeatedProblem(field, (IList)value, path),
                _ => ValueProblem(field, value, path),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static (string Field, string Problem)? RepeatedProblem(FieldDescriptor field, IList values, string path)
    {
        for (var i = 0; i < values.Count; i++)
        {
            // The path stays the field's (what a client names, and the CLI maps to a flag); the item goes in the text.
            if (ValueProblem(field, values[i], path) is { } problem)
            {
                return (problem.Field, $"item {i}: {problem.Problem}");
            }
        }

        return null;
    }

    private static (string Field, string Problem)? MapProblem(FieldDescriptor field, IDictionary entries, string path)
    {
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (DictionaryEntry entry in entries)
        {
            if (ValueProblem(valueField, entry.Value, path) is { } problem)
            {
                return (problem.Field, $"key {entry.Key}: {problem.Problem}");
            }
        }

        return null;
    }

    private static (string Field, string Problem)? ValueProblem(FieldDescriptor field, object? value, string path) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => value is IMessage nested ? Walk(nested, path) : null,
        FieldType.Enum when value is not null => EnumProblem(field.EnumType, Convert.ToInt32(value, CultureInfo.InvariantCulture)) is { } problem ? (path, problem) : null,
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
