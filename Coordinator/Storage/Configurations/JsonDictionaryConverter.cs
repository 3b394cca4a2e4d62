using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PerfFleet.Coordinator.Storage.Configurations;

/// <summary>
/// Maps a string dictionary to a jsonb column. A converter (rather than Npgsql's dynamic JSON)
/// keeps the data source plain: any connection string works without extra set-up.
/// </summary>
public sealed class JsonDictionaryConverter() : ValueConverter<Dictionary<string, string>, string>(
    value => ToJson(value),
    json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>())
{
    /// <summary>The column's JSON, also for statements written without EF (the heartbeat's upsert).</summary>
    public static string ToJson(IReadOnlyDictionary<string, string> value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Default);

    /// <summary>Compares by content, so that changing one label marks the entity modified.</summary>
    public static ValueComparer<Dictionary<string, string>> Comparer { get; } = new(
        (left, right) => left != null && right != null && left.Count == right.Count && !left.Except(right).Any(),
        value => value.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        value => new Dictionary<string, string>(value));
}
