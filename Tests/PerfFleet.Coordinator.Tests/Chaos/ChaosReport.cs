using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.MultiProcess;
using Xunit.Abstractions;

namespace PerfFleet.Coordinator.Tests.Chaos;

/// <summary>
/// What one fault case checked, printed as one line (to the test output, and appended to the file
/// named by <c>PERFFLEET_CHAOS_REPORT</c> for the Chaos target's summary): tests terminal, started
/// and completed once, the epochs before and after, and the time to recover.
/// </summary>
public static class ChaosReport
{
    public const string FileVariable = "PERFFLEET_CHAOS_REPORT";

    public static async Task WriteAsync(ITestOutputHelper output, Cluster cluster, string name, IReadOnlyCollection<string> ids, long epochBefore, long epochAfter, TimeSpan recovered, string recoveredWhat)
    {
        var guids = ids.Select(Guid.Parse).ToList();
        await using var context = cluster.CreateDbContext();
        var tests = await context.LoadTests.AsNoTracking().Where(t => guids.Contains(t.Id)).ToListAsync();
        var completions = await context.TestStateEvents.AsNoTracking().CountAsync(e => guids.Contains(e.TestId) && e.Status == LoadTestStatus.Completed);
        var results = await context.TestResults.AsNoTracking().CountAsync(r => guids.Contains(r.TestId));
        var terminal = tests.Count(t => t.Status is LoadTestStatus.Completed or LoadTestStatus.Failed or LoadTestStatus.Stopped);
        var line = $"chaos {name}: {terminal}/{ids.Count} tests terminal ({tests.Count(t => t.Status == LoadTestStatus.Completed)} completed), "
            + $"{completions} completions and {results} results for {ids.Count} tests (once each: {(completions == ids.Count && results == ids.Count ? "yes" : "NO")}), "
            + $"attempts max {tests.Max(t => t.Attempts)} / re-run {tests.Count(t => t.Attempts > 1)}, epoch {epochBefore} -> {epochAfter}, "
            + $"{recoveredWhat} {recovered.TotalMilliseconds:0} ms";
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, line + Environment.NewLine);
        }
    }
}
