using System.Reflection;
using System.Text.RegularExpressions;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>
/// The state machine is the one owner of a test's life: every status list, in C# and in SQL, is
/// made from its phases, and the scheduler's hand-written SQL makes only the changes it allows.
/// </summary>
public sealed partial class StatusSetsTests
{
    private static readonly HashSet<string> StoredNames = [.. Enum.GetValues<LoadTestStatus>().Select(StatusSql.Stored)];

    [Fact]
    public void PhaseOf_EveryStatus_IsPlacedAndTheSetsSplitThemWithoutOverlap()
    {
        var all = Enum.GetValues<LoadTestStatus>();

        Assert.All(all, s => TestStateMachine.PhaseOf(s)); // throws for a status the machine does not place
        Assert.Equal(all.Length, TestStateMachine.Terminal.Count + TestStateMachine.HeldByWorker.Count + all.Count(s => TestStateMachine.PhaseOf(s) == StatusPhase.Queued));
        Assert.Empty(TestStateMachine.Terminal.Intersect(TestStateMachine.Active));
        Assert.Equal([LoadTestStatus.Stopping], TestStateMachine.HeldByWorker.Except(TestStateMachine.Active));
    }

    [Fact]
    public void Terminal_IsExactlyTheStatusesWithNoWayOut()
    {
        foreach (var status in Enum.GetValues<LoadTestStatus>())
        {
            Assert.Equal(TestStateMachine.AllowedFrom(status).Count == 0, status.IsTerminal());
        }
    }

    [Fact]
    public void HeldByWorker_AreTheStatusesOnlyAWorkerMovesOn_AndTheQueuedOneIsNot()
    {
        // Only a test a worker holds can be lost with it: the sweep's statuses are the held ones.
        Assert.All(TestStateMachine.HeldByWorker, s => Assert.True(TestStateMachine.IsOnWorker(s)));
        Assert.False(TestStateMachine.IsOnWorker(LoadTestStatus.Scheduled));
        Assert.Equal("('assigned', 'running', 'collecting', 'stopping')", SchedulingSql.OnWorker);
    }

    [Fact]
    public void ActiveTestKey_IndexFilter_IsTheMigrationsTextMadeFromTheActiveSet()
    {
        // The partial unique index was created with this text; a different one would need a migration.
        Assert.Equal(
            "status IN ('scheduled', 'assigned', 'running', 'collecting') AND repository IS NOT NULL AND rerun_of IS NULL AND follow_up_of IS NULL",
            ActiveTestKey.IndexFilter);
    }

    [Fact]
    public void SchedulingSql_EveryDeclaredTransition_IsAllowedByTheStateMachine()
    {
        foreach (var (statement, transitions) in SchedulingSql.Transitions)
        {
            Assert.All(transitions, t => Assert.True(TestStateMachine.CanTransition(t.From, t.To), $"{statement}: {t.From} -> {t.To}"));
        }
    }

    [Fact]
    public void SchedulingSql_StatementsThatSetAStatus_DeclareTheirTransitionsAndNameOnlyTheirStatuses()
    {
        foreach (var (name, sql) in Statements())
        {
            var literals = StatusLiteral().Matches(sql).Select(m => m.Groups[1].Value).Where(w => !w.Contains(' ', StringComparison.Ordinal)).ToHashSet();
            Assert.True(literals.IsSubsetOf(StoredNames), $"{name} names a status that does not exist: {string.Join(", ", literals.Except(StoredNames))}");
            // "SET status =", not "SET status_reason =", which explains and changes nothing.
            if (!SetsStatus().IsMatch(sql) && !sql.Contains("status = CASE", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(SchedulingSql.Transitions.TryGetValue(name, out var transitions), $"{name} changes a status but declares no transitions");
            var declared = transitions.SelectMany(t => new[] { t.From, t.To }).Concat(TestStateMachine.HeldByWorker).Select(StatusSql.Stored).ToHashSet();
            Assert.True(literals.IsSubsetOf(declared), $"{name} names {string.Join(", ", literals.Except(declared))}, which none of its declared transitions has");
        }
    }

    /// <summary>Every SQL text of <see cref="SchedulingSql"/>, constant or built at start, by its member name.</summary>
    private static IEnumerable<(string Name, string Sql)> Statements() =>
        typeof(SchedulingSql).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetValue(null)!));

    [GeneratedRegex("'([a-z_ ]+)'")]
    private static partial Regex StatusLiteral();

    [GeneratedRegex(@"SET\s+status\s*=")]
    private static partial Regex SetsStatus();
}
