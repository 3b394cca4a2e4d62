using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Common.Tracing;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Queries;
using PerfFleet.Runs.Source;
using PerfFleet.Runs.Stacks;


namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// One run on a worker (DESIGN.md "The run pipeline on a worker"): source → scenario → stack →
/// load → queries → results; a paired run (<see cref="PairedRun"/>) measures a fresh stack per
/// repetition. The stack is torn down whatever happens, and every failure ends the run Failed
/// with a reason the user can act on.
/// </summary>
public sealed class RunPipeline
{
    /// <summary>The longest wait for the stack's Prometheus to be ready before the load starts.</summary>
    public static readonly TimeSpan PrometheusReadyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The folder of a run's directory that the stacks write their services' logs to.</summary>
    internal const string LogsDirectoryName = "logs";

    private readonly ISourceFetcher _source;
    private readonly IResultSink _sink;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RunPipeline> _logger;
    private readonly MeasurementSteps _steps;
    private readonly PairedRun _paired;

    public RunPipeline(
        ISourceFetcher source,
        IEnumerable<IStackDriver> drivers,
        ReadinessProbe readiness,
        ILoadStep load,
        IPrometheusQueryClient queries,
        IResultSink sink,
        IOptions<PipelineOptions> options,
        TimeProvider time,
        ILogger<RunPipeline> logger,
        IPayloadFiles? payloads = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _sink = sink;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _steps = new MeasurementSteps(drivers, readiness, load, queries, _options, time, logger, payloads ?? new NoPayloadStore());
        _paired = new PairedRun(source, _steps, _options, logger);
    }

    /// <summary>
    /// Runs the test to its end and reports the result to the sink. Cancelling
    /// <paramref name="stop"/> stops the run at any phase (status Stopped).
    /// </summary>
    public async Task<RunResult> RunAsync(RunRequest request, IProgress<RunProgress> progress, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = PerfFleetTracing.Source.StartActivity("run test");
        span?.SetTag(PerfFleetTracing.TestIdTag, request.TestId).SetTag(PerfFleetTracing.AttemptTag, request.Attempt);
        var run = new RunState(request, _time) { Span = span };
        var runDirectory = Path.Combine(_options.RunsDirectory, $"{SafeName(request.TestId)}-{request.Attempt}");
        try
        {
            await ExecuteAsync(run, runDirectory, progress, stop);
            run.Finish(TestStatus.Completed, string.Empty);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            run.Finish(TestStatus.Stopped, $"stopped during {run.Where}");
        }
        catch (RunFailedException ex)
        {
            run.Finish(TestStatus.Failed, ex.Message);
        }
        catch (ScenarioException ex)
        {
            run.Finish(TestStatus.Failed, "the scenario file is invalid: " + ex.Message);
        }
        catch (Exception ex)
        {
            // The last line of defence: the run must still end (and be reported) in a known state.
            PipelineLog.Unexpected(_logger, ex, request.TestId, request.Attempt);
            run.Finish(TestStatus.Failed, $"internal error on the worker during {run.Where}: {ex.Message}");
        }
        finally
        {
            await TearDownAsync(run, runDirectory, progress);
        }

        if (run.Status == TestStatus.Failed)
        {
            PipelineLog.Failed(_logger, request.TestId, request.Attempt, run.Reason);
        }

        _steps.Enter(run, RunPhase.Reporting, progress);
        var result = run.ToResult(_time.GetUtcNow());
        await _sink.ReportAsync(result, CancellationToken.None);
        PipelineLog.Ended(_logger, request.TestId, request.Attempt, result.Status);
        run.PhaseSpan?.Dispose();
        span?.SetTag("perffleet.test.status", result.Status.ToString());
        if (result.Status == TestStatus.Failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, run.Reason);
        }

        return result;
    }

    private async Task ExecuteAsync(RunState run, string runDirectory, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var spec = run.Request.Spec;
        if (PairedRun.Applies(run.Request))
        {
            await _paired.ExecuteAsync(run, runDirectory, progress, stop);
            return;
        }

        if (!string.IsNullOrEmpty(spec.BaselineCommit))
        {
            // Only a repository's commits can be paired: a local directory or inline spec has one build.
            PipelineLog.BaselineIgnored(_logger, run.Request.TestId, spec.BaselineCommit);
        }

        _steps.Enter(run, RunPhase.FetchingSource, progress);
        var checkoutDirectory = Path.Combine(runDirectory, "checkout");
        var commit = spec.Commit;
        if (run.Request.LocalSource is { } localSource)
        {
            LocalSourceCopy.Copy(localSource, checkoutDirectory);
            commit = localSource.Commit;
        }
        else if (!string.IsNullOrEmpty(spec.CloneUrl))
        {
            var checkout = await _source.CheckoutAsync(spec.CloneUrl, spec.Commit, checkoutDirectory, stop);
            commit = checkout.Commit;
            run.CommitSequence = checkout.FirstParentDepth;
        }
        else if (string.IsNullOrEmpty(spec.InlineSpec))
        {
            throw new RunFailedException(RunPhase.FetchingSource, "the test has no clone URL and no inline spec: nothing to run");
        }
        else
        {
            Directory.CreateDirectory(checkoutDirectory);
        }

        _steps.Enter(run, RunPhase.ReadingScenario, progress);
        var plan = _steps.Prepare(run, checkoutDirectory, commit, checkoutDirectory, Path.Combine(runDirectory, LogsDirectoryName));
        await _steps.RunAsync(run, plan, progress, stop);
    }

    private async Task TearDownAsync(RunState run, string runDirectory, IProgress<RunProgress> progress)
    {
        await _steps.TearDownAsync(run, progress);

        // A failed run keeps its services' logs (the checkout goes): the reason shows a few lines,
        // and the whole log is what tells why a service died.
        var logs = Path.Combine(runDirectory, LogsDirectoryName);
        var keepLogs = run.Status == TestStatus.Failed && Directory.Exists(logs) && Directory.EnumerateFileSystemEntries(logs).Any();
        if (keepLogs)
        {
            run.Finish(run.Status, $"{run.Reason}; the service logs are kept in {logs}");
        }

        if (_options.KeepRunDirectories || !Directory.Exists(runDirectory))
        {
            return;
        }

        try
        {
            if (!keepLogs)
            {
                Directory.Delete(runDirectory, recursive: true);
                return;
            }

            foreach (var entry in new DirectoryInfo(runDirectory).EnumerateFileSystemInfos().Where(e => e.Name != LogsDirectoryName))
            {
                if (entry is DirectoryInfo { LinkTarget: null } directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PipelineLog.CleanupFailed(_logger, runDirectory, ex.Message);
        }
    }

    /// <summary>The compose project and local stack name: <c>pf-&lt;id&gt;</c>, lower case as compose requires.</summary>
    public static string ProjectName(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"pf-{SafeName(request.TestId)}-{request.Attempt}".ToLowerInvariant();
    }

    private static string SafeName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-')]);
}
