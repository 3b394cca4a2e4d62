using PerfFleet.Runs.Pipeline;
using Spectre.Console;

namespace PerfFleet.Cli.LocalRun;

/// <summary>A local run's progress as one live line with a bar over the measured window, on a terminal.</summary>
public static class LiveRunProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, LoadWindow? window, Func<IProgress<RunProgress>, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                task.IsIndeterminate = true;
                result = await run(new TaskProgress(task, window));
                task.StopTask();
            });
        return result;
    }

    private sealed class TaskProgress(ProgressTask task, LoadWindow? window) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            task.Description = Markup.Escape(RunProgressText.Of(value, window));
            if (RunProgressText.WindowFraction(value, window) is { } fraction)
            {
                task.IsIndeterminate = false;
                task.Value = fraction;
            }
            else
            {
                task.IsIndeterminate = value.Phase != Contracts.V1.RunPhase.Measuring;
            }
        }
    }
}
