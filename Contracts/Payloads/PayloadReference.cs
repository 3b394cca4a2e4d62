using System.Text.RegularExpressions;

namespace PerfFleet.Contracts.Payloads;

/// <summary>
/// <c>payload://name</c> or <c>payload://name@sha256:&lt;64 hex digits&gt;</c>: requests from the
/// coordinator's payload store instead of a file in the checkout. The one parser of the form, used
/// by the scenario parser, the coordinator, the worker and the CLI, so all of them say the same.
/// </summary>
public sealed partial record PayloadReference(string Name, string? Sha256)
{
    public const string Scheme = "payload://";

    public const int MaxNameLength = 100;

    /// <summary>True when <paramref name="requests"/> names the payload store (whether or not the rest is well formed).</summary>
    public static bool IsPayload(string? requests) => requests is not null && requests.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a reference; a problem is a <see cref="FormatException"/> whose message says what is wrong.</summary>
    public static PayloadReference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsPayload(value))
        {
            throw new FormatException($"'{Shorten(value)}' does not start with {Scheme}");
        }

        var rest = value[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? rest : rest[..at];
        if (NameProblem(name) is { } nameProblem)
        {
            throw new FormatException($"the payload name {nameProblem}");
        }

        if (at < 0)
        {
            return new PayloadReference(name, null);
        }

        var pin = rest[(at + 1)..];
        if (!pin.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new FormatException($"after '@' comes sha256:<64 hex digits>, not '{Shorten(pin)}'");
        }

        var hash = pin["sha256:".Length..];
        return Sha256Problem(hash) is { } hashProblem
            ? throw new FormatException($"the payload's sha256 {hashProblem}")
            : new PayloadReference(name, hash.ToLowerInvariant());
    }

    /// <summary>Null when <paramref name="name"/> may name a payload: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static string? NameProblem(string name) =>
        name.Length == 0 ? "is empty"
        : name.Length > MaxNameLength ? $"is {name.Length} characters long; at most {MaxNameLength}"
        : !NamePattern().IsMatch(name) ? $"'{Shorten(name)}' may hold only letters, digits, '.', '_' and '-', and starts with a letter or digit"
        : null;

    /// <summary>Null when <paramref name="hex"/> is a SHA-256 in hex (64 digits, either case).</summary>
    public static string? Sha256Problem(string hex) =>
        hex.Length != 64 ? $"must be 64 hex digits, not {hex.Length} characters"
        : !hex.All(char.IsAsciiHexDigit) ? $"'{Shorten(hex)}' is not hex"
        : null;

    public override string ToString() => Sha256 is null ? Scheme + Name : $"{Scheme}{Name}@sha256:{Sha256}";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
