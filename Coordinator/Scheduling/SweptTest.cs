using Npgsql;
using PerfFleet.Coordinator.Storage.Configurations;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>A test taken away from its worker (lost, restarted, or never started), and where it went.</summary>
public sealed record SweptTest(Guid TestId, string? WorkerId, LoadTestStatus NewStatus, string Reason)
{
    private static readonly SnakeCaseEnumConverter<LoadTestStatus> StatusConverter = new();

    /// <summary>The rows of a statement that ends in <c>SchedulingSql.GiveBack</c> (id, worker, status, reason).</summary>
    internal static async Task<IReadOnlyList<SweptTest>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var swept = new List<SweptTest>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            swept.Add(new SweptTest(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                (LoadTestStatus)StatusConverter.ConvertFromProvider(reader.GetString(2))!,
                reader.GetString(3)));
        }

        return swept;
    }
}
