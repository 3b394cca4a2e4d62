using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Test ids as people type them: the whole UUID, or any unique fragment of its 32 hex digits
/// from the start or the end (case and dashes ignored). The web UI shows the last 8 digits,
/// since every UUIDv7 made the same day starts alike; a prefix is what scripts cut.
/// </summary>
public sealed class TestIds(IDbContextFactory<PerfFleetDbContext> contexts)
{
    private const int NamedCandidates = 5;

    /// <summary>The hex digits of <paramref name="value"/> in lower case without dashes; null when it is not a part of an id.</summary>
    public static string? Fragment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = value.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return digits.Length is > 0 and <= 32 && digits.All(char.IsAsciiHexDigit) ? digits : null;
    }

    /// <summary>The tests whose id starts or ends with <paramref name="fragment"/> (from <see cref="Fragment"/>).</summary>
    public static IQueryable<LoadTestEntity> Matching(IQueryable<LoadTestEntity> tests, string fragment) =>
#pragma warning disable CA1862, CA1307 // EF translates these to SQL; the StringComparison overloads are not translatable
        tests.Where(t => t.Id.ToString().Replace("-", "").StartsWith(fragment) || t.Id.ToString().Replace("-", "").EndsWith(fragment));
#pragma warning restore CA1862, CA1307

    /// <summary>
    /// The one test <paramref name="value"/> names: NOT_FOUND when none matches, INVALID_ARGUMENT
    /// naming <paramref name="field"/> and the newest candidates when more than one does.
    /// </summary>
    public async Task<Guid> ResolveAsync(string? value, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ApiErrors.InvalidArgument(field, "is required");
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        var fragment = Fragment(value.Trim());
        if (fragment is null)
        {
            ApiErrors.InvalidArgument(field, $"'{ApiErrors.Truncate(value)}' is not a test id: give the whole id, or its first or last characters as the web UI and list show them");
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await Matching(context.LoadTests.AsNoTracking(), fragment)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => t.Id)
            .Take(NamedCandidates + 1)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            ApiErrors.NotFound($"no test id starts or ends with '{value}'");
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var named = string.Join(", ", candidates.Take(NamedCandidates)) + (candidates.Count > NamedCandidates ? ", ..." : string.Empty);
        throw ApiErrors.InvalidArgumentError(field, $"'{value}' is part of more than one test id ({named}): give more of it");
    }
}
