using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PerfFleet.Coordinator.Storage.Configurations;

/// <summary>Stores an enum as its snake_case name ("NoBaseline" → "no_baseline"): readable in SQL and stable across reordering.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => StorageNaming.ToSnakeCase(value.ToString()),
    text => Parse(text))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string text) =>
        Enum.TryParse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new InvalidOperationException($"The database holds '{text}', which is not a {typeof(TEnum).Name}.");
}
