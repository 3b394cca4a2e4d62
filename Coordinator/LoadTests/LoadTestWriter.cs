using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Creates tests: each one in Scheduled with its first state event, the outbox row of its GitHub
/// <c>pending</c> status, and a NOTIFY for the leader — all in one transaction with the webhook
/// delivery row when there is one, so a delivery is either wholly recorded or not at all.
/// </summary>
public sealed class LoadTestWriter(
    IDbContextFactory<PerfFleetDbContext> contexts,
    ReportMessageFactory reports,
    RunLinks links,
    TimeProvider time)
{
    /// <summary>
    /// Creates the tests, except those already active (<see cref="ActiveTestKey"/>), whose ids are
    /// returned instead; null when <paramref name="delivery"/> was recorded before (a redelivery:
    /// nothing is written).
    /// </summary>
    public async Task<TestCreation?> CreateAsync(IReadOnlyList<NewLoadTest> tests, WebhookDeliveryEntity? delivery, CancellationToken cancellationToken)
    {
        var outcome = delivery?.Outcome;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (delivery is not null)
                {
                    delivery.Outcome = outcome!;
                }

                return await TryCreateAsync(tests, delivery, cancellationToken);
            }
            catch (DbUpdateException ex) when (ActiveTestKey.IsViolation(ex) && attempt < 3)
            {
                // Another coordinator created the same test since we looked: look again, it is active now.
            }
        }
    }

    private async Task<TestCreation?> TryCreateAsync(IReadOnlyList<NewLoadTest> tests, WebhookDeliveryEntity? delivery, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var created = new List<LoadTestEntity>(tests.Count);
        var alreadyActive = new List<Guid>();
        foreach (var request in tests)
        {
            var entity = ToEntity(request, now);
            if (ActiveTestKey.Applies(entity) && await ActiveTestKey.FindActiveAsync(context, entity, cancellationToken) is { } existing)
            {
                alreadyActive.Add(existing);
                continue;
            }

            created.Add(Add(context, entity, request, now));
        }

        if (delivery is not null)
        {
            delivery.ReceivedAt = now;
            if (alreadyActive.Count > 0)
            {
                delivery.Outcome = $"{delivery.Outcome}; already active: {string.Join(", ", alreadyActive)}";
            }

            context.WebhookDeliveries.Add(delivery);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && !ActiveTestKey.IsViolation(ex))
            {
                // X-GitHub-Delivery seen before: the unique index is the idempotency check.
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
        }

        await context.SaveChangesAsync(cancellationToken);
        if (created.Count > 0)
        {
            await SchedulingChannel.NotifyAsync(context.Database, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new TestCreation(created, alreadyActive);
    }

    /// <summary>
    /// Adds one Scheduled test to <paramref name="context"/> with its first state event and the
    /// outbox row of its <c>pending</c> status, without saving: the caller's transaction decides,
    /// and it must NOTIFY <see cref="SchedulingChannel"/> before committing.
    /// </summary>
    public LoadTestEntity Add(PerfFleetDbContext context, NewLoadTest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Add(context, ToEntity(request, now), request, now);
    }

    private LoadTestEntity Add(PerfFleetDbContext context, LoadTestEntity entity, NewLoadTest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.LoadTests.Add(entity);
        TestJournal.AddStateEvent(context, entity.Id, LoadTestStatus.Scheduled, entity.StatusReason, now);
        TestJournal.AddReports(context, entity.Id, reports.PendingStatus(entity.ToSpec(), links.Run(entity.Id), request.InstallationId, request.Reason), now);

        return entity;
    }

    private static LoadTestEntity ToEntity(NewLoadTest request, DateTimeOffset now)
    {
        var spec = request.Spec;
        var kind = spec.Kind.ToEntity() ?? (spec.Repository.Length > 0 ? LoadTestKind.Test : LoadTestKind.Adhoc);
        return new LoadTestEntity
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Repository = NullIfEmpty(spec.Repository),
            CloneUrl = spec.CloneUrl,
            Commit = spec.Commit.ToLowerInvariant(),
            Branch = NullIfEmpty(spec.Branch),
            PullRequest = spec.PullRequest > 0 ? spec.PullRequest : null,
            Scenario = NullIfEmpty(spec.Scenario),
            InlineSpec = NullIfEmpty(spec.InlineSpec),
            Rate = spec.Rate > 0 ? spec.Rate : null,
            Duration = spec.Duration?.ToTimeSpan(),
            Status = LoadTestStatus.Scheduled,
            StatusReason = request.Reason ?? (request.RerunOf is { } previous ? $"re-run of {previous}" : null),
            Priority = spec.Priority,
            Tag = NullIfEmpty(spec.Tag),
            Requests = NullIfEmpty(spec.Requests),
            CreatedAt = now,
            UpdatedAt = now,
            RerunOf = request.RerunOf,
            BaselineCommit = spec.BaselineCommit.Length > 0 ? spec.BaselineCommit.ToLowerInvariant() : null,
            Pairs = spec.Pairs > 0 ? spec.Pairs : null,
            Search = string.IsNullOrWhiteSpace(spec.Search) ? null : spec.Search,
            FollowUpOf = request.FollowUpOf,
            FollowUp = request.FollowUp,
            AvoidWorker = request.AvoidWorker,
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
