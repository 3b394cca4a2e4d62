using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Load;

/// <summary>
/// The pipeline's load step with the built-in load engine: one <see cref="LoadRunner"/> per run,
/// whose rate the test's <see cref="RateControl"/> can change while it runs. The engine's
/// instruments (meter "PerfFleet.LoadEngine", labelled with the test's tag) go to /metrics.
/// </summary>
public sealed class EngineLoadStep(IMeterFactory meters, TimeProvider time, ILoggerFactory loggers) : ILoadStep
{
    private readonly ILogger _logger = loggers.CreateLogger<EngineLoadStep>();

    public async Task<LoadSummary?> RunAsync(ScenarioLoad spec, LoadOverrides overrides, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var rate = CurrentRate.Value;
        var plan = LoadPlanMapper.ToPlan(spec, overrides, rate?.Rate, rate?.Duration);
        CheckPayloadFile(plan);
        LoadLog.Starting(_logger, plan.Targets.Count, plan.Warmup, plan.MeasuredDuration, plan.Rate, plan.Stages.Count, plan.Tag);
        var runner = new LoadRunner(time, meters, logger: loggers.CreateLogger<LoadRunner>());
        rate?.Attach(runner);
        progress.Report(new RunProgress(plan.Warmup > TimeSpan.Zero ? RunPhase.WarmingUp : RunPhase.Measuring, TimeSpan.Zero, RequestedRate: plan.Rate ?? 0));
        try
        {
            if (overrides.Search is { } search)
            {
                return await EngineCapacitySearch.RunAsync(runner, plan, search, progress, cancellationToken);
            }

            var result = await runner.RunAsync(plan, new EngineLoadProgress(progress, () => rate?.ApplyIfChangedSince(plan.Rate, plan.MeasuredDuration)), cancellationToken);
            LoadLog.Finished(_logger, result.Total.Requests, result.Total.Errors, result.Total.AchievedRate, result.Stopped);

            // A stopped run ends Stopped: its partial window is not a measurement to compare.
            cancellationToken.ThrowIfCancellationRequested();
            var summary = result.ToProto();
            if (spec.CompareTargets)
            {
                // The coordinator judges the later targets against the first (by_target is a map: it keeps no order).
                summary.CompareTargets = true;
                summary.ReferenceTarget = plan.Targets[0];
            }

            return summary;
        }
        catch (LoadPlanException ex)
        {
            throw new RunFailedException(RunPhase.WarmingUp, $"the scenario's load section is invalid: {ex.Message}", ex);
        }
        catch (PayloadFormatException ex)
        {
            throw new RunFailedException(RunPhase.WarmingUp, $"the load's requests file is invalid: {ex.Message}", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new RunFailedException(RunPhase.WarmingUp, $"the load's requests file is missing: {ex.Message}", ex);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException(RunPhase.WarmingUp, $"the load could not start: {ex.Message}", ex);
        }
        finally
        {
            rate?.Detach();
        }
    }

    private static void CheckPayloadFile(LoadPlan plan)
    {
        // The file comes from the repository under test: a symbolic link there must not make the worker send its own files.
        if (plan.Payloads is PayloadSource.File { Path: var path } && new FileInfo(path) is { Exists: true, LinkTarget: not null })
        {
            throw new RunFailedException(RunPhase.WarmingUp, $"the load's requests file {Path.GetFileName(path)} is a symbolic link; commit the file itself");
        }
    }
}
