using System.Globalization;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Cli.LocalRun;

/// <summary>
/// A local run's progress as lines, for a log or a pipe: each phase once, then while the load
/// runs a line every <see cref="Every"/> of load time. Written at once on the reporting thread:
/// a <see cref="Progress{T}"/> would post them to the thread pool, where one could arrive after
/// the command returned and its writer was closed.
/// </summary>
public sealed class PlainRunProgress(TextWriter writer, LoadWindow? window, bool searching = false) : IProgress<RunProgress>
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private RunPhase last = RunPhase.Unspecified;
    private TimeSpan nextLine;
    private int probes;

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (value.Phase != last)
            {
                last = value.Phase;
                nextLine = value.Elapsed + Every;

                // The first report of a load phase comes before the engine has counted anything.
                var words = value.Phase is RunPhase.WarmingUp or RunPhase.Measuring ? Output.DisplayNames.Words(value.Phase) : RunProgressText.Of(value, window);
                writer.WriteLine("  " + words);
            }
            else if (searching && value.Phase == RunPhase.Measuring)
            {
                // A capacity search reports once a probe ends: one line each, with its rate.
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  probe {++probes} at {value.RequestedRate:0.##}/s: {value.AchievedRate:0.#} rps achieved, {value.Requests} requests, {value.Errors} errors"));
            }
            else if (value.Phase is RunPhase.WarmingUp or RunPhase.Measuring && value.Elapsed >= nextLine)
            {
                nextLine = value.Elapsed + Every;
                writer.WriteLine("  " + RunProgressText.Of(value, window));
            }
        }
    }
}
