using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Common.Tracing;
using PerfFleet.Coordinator.Leadership;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The leader's report loop: every poll interval, take the due outbox items, send each, and mark
/// it done, or schedule its retry with backoff and jitter (honouring GitHub's Retry-After), or
/// give it up when no retry can help (a permanent GitHub error, a payload this version cannot
/// read, too many attempts). An item is only marked done after GitHub accepted it, so an outage
/// or a crash loses nothing: at worst a report is sent twice (statuses and the marked comment
/// are idempotent).
/// </summary>
public sealed class OutboxProcessor(
    IOutboxStore store,
    ILeadership leadership,
    ReportDispatcher dispatcher,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxProcessor> logger) : BackgroundService
{
    private readonly Lock notReportedGate = new();
    private readonly HashSet<Guid> notReported = [];

    /// <summary>One pass over the due items (when leader). Returns how many were sent successfully.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!leadership.IsLeader)
        {
            return 0;
        }

        var items = await store.TakeDueAsync(options.Value.BatchSize, timeProvider.GetUtcNow(), cancellationToken);
        var sent = 0;
        foreach (var item in items)
        {
            if (!leadership.IsLeader)
            {
                break; // stepped down mid-batch: the new leader takes over the rest
            }

            sent += await SendOneAsync(item, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store itself failed (database restarting): the items stay due, try next poll.
                ReportingLog.LoopFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> SendOneAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        using var span = PerfFleetTracing.Source.StartActivity("send report");
        span?.SetTag(PerfFleetTracing.TestIdTag, item.TestId?.ToString()).SetTag("perffleet.report.kind", item.Kind.ToString());
        try
        {
            await dispatcher.SendAsync(item, cancellationToken);
        }
        catch (NoGitHubCredentialsException e)
        {
            // Configured that way, not failing: recorded on the item, no retry, one line per test, no stack trace.
            await store.MarkFailedAsync(item.Id, item.Attempts + 1, e.Message, cancellationToken);
            if (FirstNotReported(item.TestId))
            {
                ReportingLog.NotReported(logger, item.TestId);
            }

            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(item, e, cancellationToken);
            return false;
        }

        await store.MarkDoneAsync(item.Id, cancellationToken);
        ReportingLog.Delivered(logger, item.Id, item.Kind);
        return true;
    }

    /// <summary>True the first time a test's report is not sent for want of credentials (bounded: a long-lived leader may say it again).</summary>
    private bool FirstNotReported(Guid? testId)
    {
        lock (notReportedGate)
        {
            if (notReported.Count >= 10_000)
            {
                notReported.Clear();
            }

            return testId is not { } id || notReported.Add(id);
        }
    }

    private async Task RecordFailureAsync(OutboxItem item, Exception error, CancellationToken cancellationToken)
    {
        var attempts = item.Attempts + 1;
        var permanent = error is UnknownReportKindException or JsonException
            || (error is GitHubApiException { IsTransient: false });
        if (permanent || attempts >= options.Value.MaxAttempts)
        {
            ReportingLog.GaveUp(logger, error, item.Id, item.Kind, attempts);
            await store.MarkFailedAsync(item.Id, attempts, error.Message, cancellationToken);
            return;
        }

        var requested = (error as GitHubApiException)?.RetryAfter;
        var delay = OutboxRetryPolicy.NextDelay(attempts, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared.NextDouble(), requested);
        var dueAt = timeProvider.GetUtcNow() + delay;
        ReportingLog.WillRetry(logger, error, item.Id, item.Kind, attempts, dueAt);
        await store.ScheduleRetryAsync(item.Id, attempts, dueAt, error.Message, cancellationToken);
    }
}
