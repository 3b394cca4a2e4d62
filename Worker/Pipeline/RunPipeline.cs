using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Queries;
using PerfFleet.Worker.Source;
using PerfFleet.Worker.Stacks;

namespace PerfFleet.Worker.Pipeline;

/// <summary>
/// One run on a worker (DESIGN.md "The run pipeline on a worker"): source → scenario → stack →
/// load → queries → results. The stack is torn down whatever happens, and every failure ends the
/// run Failed with a reason the user can act on.
/// </summary>
public sealed class RunPipeline(
    ISourceFetcher source,
    IEnumerable<IStackDriver> drivers,
    ReadinessProbe readiness,
    ILoadStep load,
    IPrometheusQueryClient queries,
    IResultSink sink,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<RunPipeline> logger)
{
    private readonly PipelineOptions _options = options.Value;

    /// <summary>
    /// Runs the test to its end and reports the result to the sink. Cancelling
    /// <paramref name="stop"/> stops the run at any phase (status Stopped).
    /// </summary>
    public async Task<RunResult> RunAsync(RunRequest request, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var run = new RunState(request, time);
        var runDirectory = Path.Combine(_options.RunsDirectory, $"{SafeName(request.TestId)}-{request.Attempt}");
        try
        {
            await ExecuteAsync(run, runDirectory, progress, stop);
            run.Finish(TestStatus.Completed, string.Empty);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            run.Finish(TestStatus.Stopped, $"stopped during {run.Phase}");
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
            PipelineLog.Unexpected(logger, ex, request.TestId, request.Attempt);
            run.Finish(TestStatus.Failed, $"internal error on the worker during {run.Phase}: {ex.Message}");
        }
        finally
        {
            await TearDownAsync(run, runDirectory, progress);
        }

        if (run.Status == TestStatus.Failed)
        {
            PipelineLog.Failed(logger, request.TestId, request.Attempt, run.Reason);
        }

        Enter(run, RunPhase.Reporting, progress);
        var result = run.ToResult(time.GetUtcNow());
        await sink.ReportAsync(result, CancellationToken.None);
        PipelineLog.Ended(logger, request.TestId, request.Attempt, result.Status);
        return result;
    }

    private async Task ExecuteAsync(RunState run, string runDirectory, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var spec = run.Request.Spec;
        Enter(run, RunPhase.FetchingSource, progress);
        var checkoutDirectory = Path.Combine(runDirectory, "checkout");
        var commit = spec.Commit;
        if (run.Request.LocalSource is { } localSource)
        {
            LocalSourceCopy.Copy(localSource, checkoutDirectory);
        }
        else if (!string.IsNullOrEmpty(spec.CloneUrl))
        {
            var checkout = await source.CheckoutAsync(spec.CloneUrl, spec.Commit, checkoutDirectory, stop);
            commit = checkout.Commit;
        }
        else if (string.IsNullOrEmpty(spec.InlineSpec))
        {
            throw new RunFailedException(RunPhase.FetchingSource, "the test has no clone URL and no inline spec: nothing to run");
        }
        else
        {
            Directory.CreateDirectory(checkoutDirectory);
        }

        Enter(run, RunPhase.ReadingScenario, progress);
        var loaded = ScenarioLoader.Load(spec, checkoutDirectory, commit, run.Request.TestId);
        var scenario = loaded.Scenario;
        CheckRateFits(scenario, spec);
        if (scenario.Load is { Requests: { } requests } scenarioLoad)
        {
            // The payload file is named relative to the checkout; the load step only sees the scenario.
            scenario = scenario with { Load = scenarioLoad with { Requests = Path.Combine(checkoutDirectory, requests) } };
        }

        Enter(run, RunPhase.StartingStack, progress);
        var driver = drivers.FirstOrDefault(d => d.CanRun(scenario.Stack))
            ?? throw new RunFailedException(RunPhase.StartingStack, $"this worker cannot run {(scenario.Stack.IsCompose ? "compose" : "local")} stacks");
        var launch = new StackLaunch(run.Request.TestId, ProjectName(run.Request), checkoutDirectory, Path.Combine(runDirectory, "logs"), scenario.Stack, loaded.Variables);
        run.Stack = await driver.StartAsync(launch, stop);
        if (scenario.Stack.Ready is { } ready)
        {
            await readiness.WaitAsync(new Uri(ready), scenario.Stack.ReadyTimeout, run.Stack, stop);
        }

        await WaitForPrometheusAsync(run, scenario, stop);

        await RunLoadAsync(run, scenario, progress, stop);
        await RunQueriesAsync(run, scenario, progress, stop);
    }

    /// <summary>
    /// The queries need Prometheus scraping from the start of the window: one still starting when
    /// the load begins (not ready, or ready but not yet scraping its targets) misses it and answers
    /// with empty series. Best effort: a Prometheus that
    /// never gets ready is reported by the queries themselves, with its own error.
    /// </summary>
    private async Task WaitForPrometheusAsync(RunState run, Scenario scenario, CancellationToken stop)
    {
        if (scenario.Queries.Count == 0 || scenario.Stack.Prometheus is not { } prometheus)
        {
            return;
        }

        var timeout = scenario.Stack.ReadyTimeout < PrometheusReadyTimeout ? scenario.Stack.ReadyTimeout : PrometheusReadyTimeout;
        var root = new Uri(prometheus.TrimEnd('/') + "/");
        try
        {
            // One budget for both waits: together they hold the load back by at most the timeout.
            var started = time.GetTimestamp();
            await readiness.WaitAsync(new Uri(root, "-/ready"), timeout, run.Stack!, stop);
            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || !await readiness.WaitForFirstScrapesAsync(root, left, stop))
            {
                PipelineLog.PrometheusNotReady(logger, run.Request.TestId, prometheus, $"no scrape of every target within {timeout.TotalSeconds:0}s");
            }
        }
        catch (RunFailedException ex) when (ex.Phase == RunPhase.StartingStack)
        {
            PipelineLog.PrometheusNotReady(logger, run.Request.TestId, prometheus, ex.Message);
        }
    }

    /// <summary>Refuses, before any stack starts, a run asking for more than this worker may send (see <see cref="PipelineOptions.MaxRequestRate"/>).</summary>
    private void CheckRateFits(Scenario scenario, LoadTestSpec spec)
    {
        // A load-generator scenario's load section is never sent (RunLoadAsync), so it cannot be too much.
        if (_options.MaxRequestRate is not { } max || scenario.Load is not { } load || scenario.Stack.LoadGenerator is not null)
        {
            return;
        }

        var (peak, source) = LoadOverrides.From(spec).Rate is { } rate ? (rate, "the test") : (load.PeakRate, $"scenario '{scenario.Name}'");
        if (peak > max)
        {
            throw new RunFailedException(RunPhase.ReadingScenario, FormattableString.Invariant(
                $"{source} asks for up to {peak:0.##} requests/s, more than this worker's capacity of {max:0.##}/s (PerfFleet:Worker:Capacity:RequestRate): lower the rate, or run it on a bigger worker"));
        }
    }

    private async Task RunLoadAsync(RunState run, Scenario scenario, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var stack = run.Stack!;
        using var sampling = new ResourceSampling(stack.Resources, time, _options.ResourceSampleInterval);
        if (scenario.Stack.LoadGenerator is { } generator)
        {
            Enter(run, RunPhase.Measuring, progress);
            run.WindowStart = time.GetUtcNow();
            sampling.Start();
            await LoadGeneratorWait.RunAsync(stack, generator, stop);
        }
        else
        {
            Enter(run, RunPhase.WarmingUp, progress);
            var overrides = LoadOverrides.From(run.Request.Spec);
            var measuring = new MeasuringProgress(new PhaseTracking(run, progress), () =>
            {
                run.WindowStart = time.GetUtcNow();
                sampling.Start();
            });
            run.Summary = await load.RunAsync(scenario.Load!, overrides, measuring, stop);
            run.WindowStart ??= run.Started;
            if (run.Summary?.WindowStart is { } summaryStart && run.Summary.WindowEnd is { } summaryEnd)
            {
                run.WindowStart = summaryStart.ToDateTimeOffset();
                run.WindowEnd = summaryEnd.ToDateTimeOffset();
            }
        }

        run.WindowEnd ??= time.GetUtcNow();
        run.Resources = scenario.Resources.Annotate(await sampling.StopAsync());
    }

    private async Task RunQueriesAsync(RunState run, Scenario scenario, IProgress<RunProgress> progress, CancellationToken stop)
    {
        if (scenario.Queries.Count == 0)
        {
            return;
        }

        Enter(run, RunPhase.Querying, progress);
        if (scenario.Stack.Prometheus is not { } prometheus)
        {
            run.Queries = [.. scenario.Queries.Select(q => new QueryResult
            {
                Name = q.Name, Promql = q.PromQl, Better = q.Better, ThresholdPercent = q.ThresholdPercent,
                Error = "the scenario has queries but no stack.prometheus URL to run them against",
            })];
            return;
        }

        // Give Prometheus one more scrape so the end of the window is in its data.
        await Task.Delay(_options.QueryDelay, time, stop);
        run.Queries = await queries.QueryAllAsync(new Uri(prometheus), scenario.Queries, run.WindowStart!.Value, run.WindowEnd!.Value, stop);
    }

    private async Task TearDownAsync(RunState run, string runDirectory, IProgress<RunProgress> progress)
    {
        if (run.Stack is { } stack)
        {
            Enter(run, RunPhase.TearingDown, progress);
            await stack.DisposeAsync();
        }

        if (!_options.KeepRunDirectories && Directory.Exists(runDirectory))
        {
            try
            {
                Directory.Delete(runDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                PipelineLog.CleanupFailed(logger, runDirectory, ex.Message);
            }
        }
    }

    private void Enter(RunState run, RunPhase phase, IProgress<RunProgress> progress)
    {
        run.Phase = phase;
        PipelineLog.Phase(logger, run.Request.TestId, run.Request.Attempt, phase);
        progress.Report(new RunProgress(phase, time.GetUtcNow() - run.Started));
    }

    /// <summary>The compose project and local stack name: <c>pf-&lt;id&gt;</c>, lower case as compose requires.</summary>
    /// <summary>The longest wait for the stack's Prometheus to be ready before the load starts.</summary>
    public static readonly TimeSpan PrometheusReadyTimeout = TimeSpan.FromSeconds(15);

    public static string ProjectName(RunRequest request) => $"pf-{SafeName(request.TestId)}-{request.Attempt}".ToLowerInvariant();

    private static string SafeName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-')]);

    /// <summary>Keeps <see cref="RunState.Phase"/> in step with the phases the load step reports.</summary>
    private sealed class PhaseTracking(RunState run, IProgress<RunProgress> inner) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            run.Phase = value.Phase;
            inner.Report(value);
        }
    }
}
