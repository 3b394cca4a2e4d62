using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// Statuses as the SQL of the scheduler and the indexes writes them: lower-case text, as EF
/// stores the enum (<see cref="LoadTestStatus"/>). The lists come from the state machine's sets,
/// so that a status added to a phase reaches every statement that names the phase.
/// </summary>
public static class StatusSql
{
    /// <summary>A status as an SQL literal: <c>'scheduled'</c>.</summary>
    public static string Literal(LoadTestStatus status) => "'" + Stored(status) + "'";

    /// <summary>Statuses as an SQL list for <c>IN</c>: <c>('assigned', 'running')</c>.</summary>
    public static string In(IEnumerable<LoadTestStatus> statuses) => "(" + string.Join(", ", statuses.Select(Literal)) + ")";

    /// <summary>The stored text of a status.</summary>
    public static string Stored(LoadTestStatus status) => StorageNaming.ToSnakeCase(status.ToString());

    /// <summary>The status a stored text names (the inverse of <see cref="Stored"/>).</summary>
    /// <exception cref="FormatException">The text names no status.</exception>
    public static LoadTestStatus Parse(string stored) =>
        ByStored.TryGetValue(stored, out var status) ? status : throw new FormatException($"'{stored}' is not a test status");

    private static readonly Dictionary<string, LoadTestStatus> ByStored =
        Enum.GetValues<LoadTestStatus>().ToDictionary(Stored, StringComparer.Ordinal);
}
