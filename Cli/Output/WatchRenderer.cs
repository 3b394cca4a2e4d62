using Grpc.Core;
using PerfFleet.Contracts.V1;
using Spectre.Console;
using Progress = PerfFleet.Contracts.V1.Progress;

namespace PerfFleet.Cli.Output;

/// <summary>
/// `watch`: a live progress bar on a terminal; one line per state change when redirected
/// (a CI log keeps every step instead of a redrawn bar).
/// </summary>
public static class WatchRenderer
{
    public static bool IsTerminal(TestStatus status) =>
        status is TestStatus.Completed or TestStatus.Stopped or TestStatus.Failed;

    public static string Line(TestEvent testEvent)
    {
        ArgumentNullException.ThrowIfNull(testEvent);
        var test = testEvent.Test ?? new LoadTest();
        var progress = test.Progress ?? new Progress();
        var line = $"{DisplayNames.Of(testEvent.Time)} {DisplayNames.Of(test.Status)} phase={DisplayNames.Of(progress.Phase)} elapsed={DisplayNames.Of(progress.Elapsed)} rate={Rate(progress)} rps{Counts(progress)}";
        return string.IsNullOrEmpty(test.StatusReason) ? line : $"{line} reason={test.StatusReason}";
    }

    // The requested rate is known only when the test set one (else the scenario's, which the
    // coordinator never reads): "60/0" would read as "asked for nothing".
    private static string Rate(Progress progress) => progress.RequestedRate > 0
        ? $"{DisplayNames.Number(progress.AchievedRate)}/{DisplayNames.Number(progress.RequestedRate)}"
        : DisplayNames.Number(progress.AchievedRate);

    // The coordinator keeps no request counts from heartbeats: zeros there mean "not known", not "none sent".
    private static string Counts(Progress progress) =>
        progress.Requests > 0 ? $" requests={progress.Requests} errors={progress.Errors}" : string.Empty;

    /// <summary>Reads events until a terminal state or the end of the stream; returns the last test seen.</summary>
    public static async Task<LoadTest?> RenderLinesAsync(IAsyncStreamReader<TestEvent> events, Action<TestEvent> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(write);
        LoadTest? last = null;
        while (await events.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            write(events.Current);
            last = events.Current.Test;
            if (last is not null && IsTerminal(last.Status))
            {
                break;
            }
        }

        return last;
    }

    public static async Task<LoadTest?> RenderLiveAsync(IAnsiConsole console, IAsyncStreamReader<TestEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        LoadTest? last = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("waiting for the first state", maxValue: 100);
                task.IsIndeterminate = true;
                last = await RenderLinesAsync(events, e => Update(task, e), cancellationToken).ConfigureAwait(false);
                task.StopTask();
            }).ConfigureAwait(false);
        return last;
    }

    private static void Update(ProgressTask task, TestEvent testEvent)
    {
        var test = testEvent.Test ?? new LoadTest();
        var progress = test.Progress ?? new Progress();
        task.Description = Markup.Escape(
            $"{DisplayNames.Of(test.Status)}, {DisplayNames.Words(progress.Phase)} {DisplayNames.Of(progress.Elapsed)}, {Rate(progress)} rps{Counts(progress)}");
        var duration = test.Spec?.Duration?.ToTimeSpan() ?? TimeSpan.Zero;
        if (IsTerminal(test.Status))
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
        }
        else if (duration > TimeSpan.Zero && progress.Elapsed is not null && progress.Phase == RunPhase.Measuring)
        {
            task.IsIndeterminate = false;
            task.Value = Math.Min(100, 100 * progress.Elapsed.ToTimeSpan() / duration);
        }
    }
}
