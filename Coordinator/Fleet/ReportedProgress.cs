using Npgsql;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>A reported test as the database had it before the heartbeat recorded its progress.</summary>
public sealed record ReportedTest(Guid Id, LoadTestStatus Status, string? AssignedWorker, int Attempts, double? Rate, string? StatusReason)
{
    /// <summary>True when the database still gives this test to <paramref name="workerId"/> at <paramref name="attempt"/>.</summary>
    public bool IsHeldBy(string workerId, int attempt) =>
        AssignedWorker == workerId && Attempts == attempt && !Status.IsTerminal();
}

/// <summary>
/// Records a busy worker's progress reports in one statement (<see cref="SchedulingSql.RecordProgress"/>)
/// instead of a tracked EF unit of work: a heartbeat's cost is its round trips, and this one makes one.
/// </summary>
public static class ReportedProgress
{
    /// <summary>Records <paramref name="running"/> for <paramref name="workerId"/>; returns the reported tests that exist, by id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, ReportedTest>> RecordAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string workerId,
        IReadOnlyList<RunningTest> running,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A test reported twice keeps its first report, as the EF path's dictionary did.
        var reports = running
            .Select(r => (Ok: Guid.TryParse(r.TestId, out var id), Id: id, Report: r))
            .Where(r => r.Ok)
            .DistinctBy(r => r.Id)
            .ToList();
        var tests = new Dictionary<Guid, ReportedTest>(reports.Count);
        if (reports.Count == 0)
        {
            return tests;
        }

        await using var command = new NpgsqlCommand(SchedulingSql.RecordProgress, connection, transaction);
        command.Parameters.AddWithValue("ids", reports.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("attempts", reports.Select(r => r.Report.Attempt).ToArray());
        command.Parameters.AddWithValue("has_progress", reports.Select(r => r.Report.Progress is not null).ToArray());
        command.Parameters.AddWithValue("phases", reports.Select(r => r.Report.Progress?.Phase.ToStored()).ToArray());
        command.Parameters.AddWithValue("elapsed", reports.Select(r => r.Report.Progress?.Elapsed?.ToTimeSpan()).ToArray());
        command.Parameters.AddWithValue("achieved", reports.Select(r => r.Report.Progress?.AchievedRate).ToArray());
        command.Parameters.AddWithValue("next", reports.Select(r => NextStatus(r.Report.Progress) is { } next ? StatusSql.Stored(next) : null).ToArray());
        command.Parameters.AddWithValue("worker", workerId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("progress_due", now - SchedulingSql.ProgressWriteInterval);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var test = new ReportedTest(
                reader.GetGuid(0),
                StatusSql.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetString(5));
            tests[test.Id] = test;
        }

        return tests;
    }

    /// <summary>The status a progress report asks for; the statement moves a test only forward to it.</summary>
    private static LoadTestStatus? NextStatus(Progress? progress) => progress?.Phase switch
    {
        null or RunPhase.Unspecified => null,

        // Querying is still a run's work: a paired run queries after every repetition and then
        // starts the next, so only the results' report makes a test Collecting.
        RunPhase.Reporting => LoadTestStatus.Collecting,
        _ => LoadTestStatus.Running,
    };
}
