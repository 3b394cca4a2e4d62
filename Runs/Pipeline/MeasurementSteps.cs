using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PerfFleet.Common.Tracing;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Search;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Queries;
using PerfFleet.Runs.Stacks;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// The steps that measure one fresh stack: start → readiness → Prometheus → warm-up and window →
/// queries → tear down. An unpaired run takes them once, a paired run once per repetition, so
/// both measure in exactly the same way.
/// </summary>
internal sealed class MeasurementSteps(
    IEnumerable<IStackDriver> drivers,
    ReadinessProbe readiness,
    ILoadStep load,
    IPrometheusQueryClient queries,
    PipelineOptions options,
    TimeProvider time,
    ILogger logger,
    IPayloadFiles payloads)
{
    /// <summary>
    /// Reads the scenario from <paramref name="scenarioDirectory"/> (fresh ports each time) and
    /// refuses a rate above this worker's capacity; the stack will run in <paramref name="workingDirectory"/>.
    /// </summary>
    public MeasurementPlan Prepare(RunState run, string scenarioDirectory, string commit, string workingDirectory, string logDirectory)
    {
        var spec = run.Request.Spec;
        var loaded = ScenarioLoader.Load(spec, scenarioDirectory, commit, run.Request.TestId);
        var scenario = loaded.Scenario;
        CheckRateFits(scenario, spec);
        CheckLimits(scenario, run.Request);
        scenario = RequestSources.Apply(scenario, spec, scenarioDirectory);

        return new MeasurementPlan(scenario, loaded.Variables, workingDirectory, logDirectory);
    }

    /// <summary>Measures one fresh stack; it is torn down at the end, or by <see cref="TearDownAsync"/> when this throws.</summary>
    public async Task<Measurement> RunAsync(RunState run, MeasurementPlan plan, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var (measurement, scenario) = await BeginAsync(run, plan, stop);
        var stack = await StartStackAsync(run, measurement, plan, scenario, progress, stop);
        await RunLoadAsync(run, measurement, stack, scenario, progress, stop);
        await RunQueriesAsync(run, measurement, scenario, progress, stop);
        await TearDownAsync(run, progress);
        return measurement;
    }

    /// <summary>
    /// Measures on a stack kept up between repetitions (<c>repeat.stack: kept</c>): started when
    /// <paramref name="kept"/> is null and then left running in <see cref="RunState.KeptStacks"/>;
    /// otherwise the same stack, its readiness checked again so that a service that died since its
    /// last repetition fails this one with its own reason. Returns the stack to pass next time.
    /// </summary>
    public async Task<(Measurement Measurement, IRunningStack Stack)> RunOnKeptStackAsync(RunState run, MeasurementPlan plan, IRunningStack? kept, IProgress<RunProgress> progress, CancellationToken stop)
    {
        var (measurement, scenario) = await BeginAsync(run, plan, stop);
        var stack = kept;
        if (stack is null)
        {
            stack = await StartStackAsync(run, measurement, plan, scenario, progress, stop);

            // From here the run owns it, not this repetition: TearDownAsync must not dispose it twice.
            run.KeptStacks.Add(stack);
            measurement.Stack = null;
        }
        else if (scenario.Stack.Ready is { } ready)
        {
            await readiness.WaitAsync(new Uri(ready), scenario.Stack.ReadyTimeout, stack, stop);
        }

        await RunLoadAsync(run, measurement, stack, scenario, progress, stop);
        await RunQueriesAsync(run, measurement, scenario, progress, stop);
        return (measurement, stack);
    }

    /// <summary>Tears down the stack of the measurement under way, if it is still up, and any kept stacks.</summary>
    public async Task TearDownAsync(RunState run, IProgress<RunProgress> progress)
    {
        List<IRunningStack> stacks = [.. run.KeptStacks];
        run.KeptStacks.Clear();
        if (run.Current is { Stack: { } stack } current)
        {
            current.Stack = null;
            stacks.Insert(0, stack);
        }

        if (stacks.Count == 0)
        {
            return;
        }

        Enter(run, RunPhase.TearingDown, progress);
        foreach (var each in stacks)
        {
            await each.DisposeAsync();
        }
    }

    /// <summary>A stored payload is fetched before any stack starts: a removed or corrupt one fails the run here.</summary>
    private async Task<(Measurement Measurement, Scenario Scenario)> BeginAsync(RunState run, MeasurementPlan plan, CancellationToken stop)
    {
        var scenario = await RequestSources.FetchPayloadAsync(plan.Scenario, payloads, run.Request, stop);
        var measurement = new Measurement(time.GetUtcNow());
        run.Current = measurement;
        return (measurement, scenario);
    }

    /// <summary>Start → readiness → Prometheus scraping. The stack is in <paramref name="measurement"/> from the moment it starts, so a failed readiness still tears it down.</summary>
    private async Task<IRunningStack> StartStackAsync(RunState run, Measurement measurement, MeasurementPlan plan, Scenario scenario, IProgress<RunProgress> progress, CancellationToken stop)
    {
        Enter(run, RunPhase.StartingStack, progress);
        var driver = drivers.FirstOrDefault(d => d.CanRun(scenario.Stack))
            ?? throw new RunFailedException(RunPhase.StartingStack, $"this worker cannot run {(scenario.Stack.IsCompose ? "compose" : "local")} stacks");
        var launch = new StackLaunch(run.Request.TestId, RunPipeline.ProjectName(run.Request) + plan.StackNameSuffix, plan.WorkingDirectory, plan.LogDirectory, scenario.Stack, plan.Variables);
        var stack = await driver.StartAsync(launch, stop);
        measurement.Stack = stack;
        if (scenario.Stack.Ready is { } ready)
        {
            await readiness.WaitAsync(new Uri(ready), scenario.Stack.ReadyTimeout, stack, stop);
        }

        await WaitForPrometheusAsync(run, stack, scenario, stop);
        return stack;
    }

    public void Enter(RunState run, RunPhase phase, IProgress<RunProgress> progress)
    {
        run.Phase = phase;
        PipelineLog.Phase(logger, run.Request.TestId, run.Request.Attempt, phase);
        StartPhaseSpan(run, phase);

        // Elapsed is the run's, not the repetition's: a paired run's progress only ever moves forward.
        progress.Report(new RunProgress(phase, time.GetUtcNow() - run.Started));
    }

    /// <summary>
    /// One span per phase, a child of the run's. The ambient activity stays the run's: phases
    /// begin inside nested async calls, and a phase span left current there would not be the
    /// parent the next phase's calls see anyway.
    /// </summary>
    private static void StartPhaseSpan(RunState run, RunPhase phase)
    {
        run.PhaseSpan?.Dispose();
        run.PhaseSpan = null;
        if (run.Span is not { } parent)
        {
            return;
        }

        var ambient = Activity.Current;
        run.PhaseSpan = PerfFleetTracing.Source.StartActivity(PhaseName(phase), ActivityKind.Internal, parent.Context);
        run.PhaseSpan?.SetTag("perffleet.repetition", run.RepetitionLabel);
        Activity.Current = ambient;
    }

    /// <summary>"StartingStack" → "starting stack", as the span list reads best.</summary>
    private static string PhaseName(RunPhase phase) =>
        string.Concat(phase.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>
    /// The queries need Prometheus scraping from the start of the window: one still starting when
    /// the load begins (not ready, or ready but not yet scraping its targets) misses it and answers
    /// with empty series. Best effort: a Prometheus that
    /// never gets ready is reported by the queries themselves, with its own error.
    /// </summary>
    private async Task WaitForPrometheusAsync(RunState run, IRunningStack stack, Scenario scenario, CancellationToken stop)
    {
        if (scenario.Queries.Count == 0 || scenario.Stack.Prometheus is not { } prometheus)
        {
            return;
        }

        var timeout = scenario.Stack.ReadyTimeout < RunPipeline.PrometheusReadyTimeout ? scenario.Stack.ReadyTimeout : RunPipeline.PrometheusReadyTimeout;
        var root = new Uri(prometheus.TrimEnd('/') + "/");
        try
        {
            // One budget for both waits: together they hold the load back by at most the timeout.
            var started = time.GetTimestamp();
            await readiness.WaitAsync(new Uri(root, "-/ready"), timeout, stack, stop);
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
        if (options.MaxRequestRate is not { } max || scenario.Load is not { } scenarioLoad || scenario.Stack.LoadGenerator is not null)
        {
            return;
        }

        var (peak, source) = scenario.Search is { } search ? (search.To, $"scenario '{scenario.Name}''s search")
            : LoadOverrides.From(spec).Rate is { } rate ? (rate, "the test")
            : (scenarioLoad.PeakRate, $"scenario '{scenario.Name}'");
        if (peak > max)
        {
            throw new RunFailedException(RunPhase.ReadingScenario, FormattableString.Invariant(
                $"{source} asks for up to {peak:0.##} requests/s, more than this worker's capacity of {max:0.##}/s (PerfFleet:Worker:Capacity:RequestRate): lower the rate, or run it on a bigger worker"));
        }
    }

    /// <summary>
    /// Refuses, before any stack starts, a scenario whose load is past the coordinator's limits
    /// (PerfFleet:Quotas): the coordinator checks what a test asks for itself, but only the worker
    /// reads the scenario file, so a repository's file could otherwise ask for six hours at any rate.
    /// </summary>
    private void CheckLimits(Scenario scenario, RunRequest request)
    {
        if (request.Limits is not { } limits || scenario.Load is not { } load || scenario.Stack.LoadGenerator is not null)
        {
            return;
        }

        var spec = request.Spec;
        var overrides = LoadOverrides.From(spec);
        var peak = scenario.Search?.To ?? overrides.Rate ?? load.PeakRate;
        if (limits.MaxRate > 0 && peak > limits.MaxRate)
        {
            throw new RunFailedException(RunPhase.ReadingScenario, FormattableString.Invariant(
                $"scenario '{scenario.Name}' asks for up to {peak:0.##} requests/s, more than the coordinator's limit of {limits.MaxRate:0.##}/s ({Setting(limits.MaxRateSetting, "PerfFleet:Quotas:MaxRate")})"));
        }

        if (limits.MaxDuration?.ToTimeSpan() is not { } max || max <= TimeSpan.Zero)
        {
            return;
        }

        var paired = spec.BaselineCommit.Length > 0;
        var windows = paired ? 2 * PairedRun.PairCount(spec, scenario, options.DefaultPairs) : 1;
        var window = scenario.Search is { } search
            ? search.MaxSteps * (search.StepDuration + CapacityStepTiming.Default.Warmup)
            : overrides.Duration ?? (paired ? scenario.Repeat.Duration : null) ?? load.MeasuredDuration;
        var total = window * windows;
        if (total > max)
        {
            var parts = windows == 1 ? string.Empty : $" ({windows} repetitions of {DurationParser.Format(window)})";
            throw new RunFailedException(RunPhase.ReadingScenario,
                $"scenario '{scenario.Name}' measures for {DurationParser.Format(total)}{parts}, longer than the coordinator's limit of {DurationParser.Format(max)} ({Setting(limits.MaxDurationSetting, "PerfFleet:Quotas:MaxDuration")}): shorten its duration or its pairs");
        }
    }

    // A coordinator from before the settings were sent names none: its limits were the global ones.
    private static string Setting(string sent, string global) => sent.Length > 0 ? sent : global;

    private async Task RunLoadAsync(RunState run, Measurement measurement, IRunningStack stack, Scenario scenario, IProgress<RunProgress> progress, CancellationToken stop)
    {
        using var sampling = new ResourceSampling(stack.Resources, time, options.ResourceSampleInterval);
        if (scenario.Stack.LoadGenerator is { } generator)
        {
            Enter(run, RunPhase.Measuring, progress);
            measurement.WindowStart = time.GetUtcNow();
            sampling.Start();
            await LoadGeneratorWait.RunAsync(stack, generator, stop);
        }
        else
        {
            Enter(run, RunPhase.WarmingUp, progress);
            var overrides = LoadOverrides.From(run.Request.Spec) with { Search = scenario.Search };
            var measuring = new MeasuringProgress(new PhaseTracking(run, progress), () =>
            {
                // The engine moves from warm-up to the window on its own: the phase span follows it.
                StartPhaseSpan(run, RunPhase.Measuring);
                measurement.WindowStart = time.GetUtcNow();
                sampling.Start();
            });
            measurement.Summary = await load.RunAsync(scenario.Load!, overrides, measuring, stop);
            measurement.WindowStart ??= measurement.Started;
            if (measurement.Summary?.WindowStart is { } summaryStart && measurement.Summary.WindowEnd is { } summaryEnd)
            {
                measurement.WindowStart = summaryStart.ToDateTimeOffset();
                measurement.WindowEnd = summaryEnd.ToDateTimeOffset();
            }
        }

        measurement.WindowEnd ??= time.GetUtcNow();
        measurement.Resources = scenario.Resources.Annotate(await sampling.StopAsync());
    }

    private async Task RunQueriesAsync(RunState run, Measurement measurement, Scenario scenario, IProgress<RunProgress> progress, CancellationToken stop)
    {
        if (scenario.Queries.Count == 0)
        {
            return;
        }

        Enter(run, RunPhase.Querying, progress);
        if (scenario.Stack.Prometheus is not { } prometheus)
        {
            measurement.Queries = [.. scenario.Queries.Select(q => new QueryResult
            {
                Name = q.Name, Promql = q.PromQl, Better = q.Better, ThresholdPercent = q.ThresholdPercent, Floor = q.Floor,
                Error = "the scenario has queries but no stack.prometheus URL to run them against",
            })];
            return;
        }

        // Give Prometheus one more scrape so the end of the window is in its data.
        await Task.Delay(options.QueryDelay, time, stop);
        measurement.Queries = await queries.QueryAllAsync(new Uri(prometheus), scenario.Queries, measurement.WindowStart!.Value, measurement.WindowEnd!.Value, stop);
    }

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
