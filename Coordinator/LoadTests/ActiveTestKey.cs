using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// One active test per (repository, scenario, commit, kind, pull request): the same push under a
/// new delivery id, or <c>opened</c>, <c>ready_for_review</c> and <c>synchronize</c> for one PR
/// head, name the test already queued or running instead of making another. Re-runs and
/// follow-ups are asked for on purpose and are not counted. The partial unique index
/// <see cref="IndexName"/> holds it in the database, so two coordinators cannot both create one.
/// </summary>
public static class ActiveTestKey
{
    public const string IndexName = "ux_load_tests_one_active";

    /// <summary>The index's filter: which rows hold a key. The same rule as <see cref="Applies"/> and <see cref="FindActiveAsync"/>.</summary>
    /// <remarks>Its text is the migration's: StatusSetsTests holds the two together.</remarks>
    public static readonly string IndexFilter =
        $"status IN {StatusSql.In(Active)} AND repository IS NOT NULL AND rerun_of IS NULL AND follow_up_of IS NULL";

    /// <summary>The statuses of a test that is queued or running, as the index's filter says.</summary>
    internal static IReadOnlyList<LoadTestStatus> Active => TestStateMachine.Active;

    /// <summary>Whether a new test takes part (a repository's test that is neither a re-run nor a follow-up).</summary>
    public static bool Applies(LoadTestEntity test) => test.Repository is not null && test.RerunOf is null && test.FollowUpOf is null;

    /// <summary>The active test with the same key as <paramref name="test"/>, or null.</summary>
    public static Task<Guid?> FindActiveAsync(PerfFleetDbContext context, LoadTestEntity test, CancellationToken cancellationToken) =>
        context.LoadTests.AsNoTracking()
            .Where(t => t.Repository == test.Repository && t.Scenario == test.Scenario && t.Commit == test.Commit
                && t.Kind == test.Kind && t.PullRequest == test.PullRequest
                && t.RerunOf == null && t.FollowUpOf == null && Active.Contains(t.Status))
            .OrderBy(t => t.CreatedAt)
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>True when saving failed because another transaction created the same active test first.</summary>
    public static bool IsViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IndexName };
}
