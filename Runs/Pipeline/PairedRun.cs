using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Source;
using PerfFleet.Runs.Stacks;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// A paired run (issue 13: the repetition is the unit of evidence): the baseline (the merge base
/// of the spec's baseline commit and the test commit) and the test commit, each checked out once,
/// measured in N interleaved pairs on this worker, each repetition on a fresh stack (or, with
/// <c>repeat.stack: kept</c>, on its side's one stack, up for the whole run), the order
/// within each pair drawn at random so that drift on the machine (a warming cache, a noisy
/// neighbour) falls on both sides alike. Both sides run the TEST commit's scenario file, so they
/// get the same load, queries and rules; each side's stack runs in its own checkout.
/// </summary>
internal sealed class PairedRun(ISourceFetcher source, MeasurementSteps steps, PipelineOptions options, ILogger logger)
{

    /// <summary>Paired when the test names a baseline and the code comes from a repository (not a local directory or inline spec).</summary>
    public static bool Applies(RunRequest request) =>
        !string.IsNullOrEmpty(request.Spec.BaselineCommit)
        && !string.IsNullOrEmpty(request.Spec.CloneUrl)
        && request.LocalSource is null
        && string.IsNullOrEmpty(request.Spec.InlineSpec);

    public async Task ExecuteAsync(RunState run, string runDirectory, IProgress<RunProgress> progress, CancellationToken stop)
    {
        run.Paired = true;
        var spec = run.Request.Spec;
        steps.Enter(run, RunPhase.FetchingSource, progress);
        var test = await source.CheckoutAsync(spec.CloneUrl, spec.Commit, Path.Combine(runDirectory, "checkout"), stop);
        run.CommitSequence = test.FirstParentDepth;
        var baselineCommit = await ResolveBaselineAsync(run, test.Commit, stop);
        var baseline = await source.CheckoutAsync(spec.CloneUrl, baselineCommit, Path.Combine(runDirectory, "baseline"), stop);

        steps.Enter(run, RunPhase.ReadingScenario, progress);
        var scenario = steps.Prepare(run, test.Directory, test.Commit, test.Directory, runDirectory).Scenario;
        var pairs = PairCount(spec, scenario);
        var seed = options.PairOrderSeed ?? Random.Shared.Next();
        var random = new Random(seed);
        PipelineLog.Paired(logger, run.Request.TestId, run.Request.Attempt, pairs, baseline.Commit, test.Commit, seed);
        // Kept stacks (repeat.stack: kept): each side's plan (its ports and variables) and stack, from
        // its first repetition on. Null: a fresh stack for every repetition. One pipeline runs many
        // tests at once, so this is the run's, not the class's.
        var kept = scenario.Repeat.KeepStacks ? new Dictionary<RepetitionRole, KeptStack>() : null;
        for (var pair = 1; pair <= pairs; pair++)
        {
            SourceCheckout[] order = random.Next(2) == 0 ? [baseline, test] : [test, baseline];
            for (var position = 0; position < order.Length; position++)
            {
                stop.ThrowIfCancellationRequested();
                var role = ReferenceEquals(order[position], baseline) ? RepetitionRole.Baseline : RepetitionRole.Test;
                var slot = new RepetitionSlot(pair, pairs, role, position, order[position]);
                await RunRepetitionAsync(run, slot, test.Directory, runDirectory, kept, progress, stop);
            }
        }
    }

    /// <summary>
    /// The pairs to run: the test's own count, else the scenario's <c>repeat.pairs</c>, else the
    /// worker's default. A test asking for more than the scenario format allows is refused, not cut.
    /// </summary>
    public static int PairCount(LoadTestSpec spec, Scenario scenario, int defaultPairs) =>
        spec.Pairs > ScenarioRepeat.MaxPairs
            ? throw new RunFailedException(RunPhase.ReadingScenario, $"the test asks for {spec.Pairs} pairs; a paired run has at most {ScenarioRepeat.MaxPairs}")
            : spec.Pairs > 0 ? spec.Pairs : scenario.Repeat.Pairs ?? defaultPairs;

    private int PairCount(LoadTestSpec spec, Scenario scenario) => PairCount(spec, scenario, options.DefaultPairs);

    private async Task<string> ResolveBaselineAsync(RunState run, string testCommit, CancellationToken stop)
    {
        var spec = run.Request.Spec;
        if (await source.MergeBaseAsync(spec.CloneUrl, spec.BaselineCommit, testCommit, stop) is { } mergeBase)
        {
            PipelineLog.MergeBase(logger, run.Request.TestId, spec.BaselineCommit, testCommit, mergeBase);
            return mergeBase;
        }

        // Unrelated histories (a grafted or re-rooted branch): the baseline commit is the best there is.
        PipelineLog.NoMergeBase(logger, run.Request.TestId, spec.BaselineCommit, testCommit);
        return spec.BaselineCommit;
    }

    /// <summary>One repetition's plan: the scenario read again (fresh ports), with the repeat section's window and warm-up.</summary>
    private MeasurementPlan Plan(RunState run, RepetitionSlot slot, string scenarioDirectory, string runDirectory, string logName)
    {
        var plan = steps.Prepare(run, scenarioDirectory, slot.Checkout.Commit, slot.Checkout.Directory, Path.Combine(runDirectory, RunPipeline.LogsDirectoryName, logName));
        return plan with { Scenario = plan.Scenario with { Load = plan.Scenario.Repeat.Apply(plan.Scenario.Load) } };
    }

    /// <summary>
    /// Both sides' stacks are up at once between their turns, so each gets its own compose project
    /// name and log directory, and keeps the ports it started with.
    /// </summary>
    private async Task<Measurement> RunOnKeptStackAsync(RunState run, RepetitionSlot slot, string scenarioDirectory, string runDirectory, Dictionary<RepetitionRole, KeptStack> kept, IProgress<RunProgress> progress, CancellationToken stop)
    {
        if (!kept.TryGetValue(slot.Role, out var side))
        {
            side = new KeptStack(Plan(run, slot, scenarioDirectory, runDirectory, $"kept-{slot.RoleName}") with { StackNameSuffix = "-" + slot.RoleName }, null);
        }

        var (measurement, stack) = await steps.RunOnKeptStackAsync(run, side.Plan, side.Stack, progress, stop);
        kept[slot.Role] = side with { Stack = stack };
        return measurement;
    }

    private async Task RunRepetitionAsync(RunState run, RepetitionSlot slot, string scenarioDirectory, string runDirectory, Dictionary<RepetitionRole, KeptStack>? kept, IProgress<RunProgress> progress, CancellationToken stop)
    {
        run.RepetitionLabel = slot.Label;
        PipelineLog.Repetition(logger, run.Request.TestId, run.Request.Attempt, slot.Pair, slot.Pairs, slot.RoleName, slot.Checkout.Commit, slot.Order);
        Measurement measurement;
        try
        {
            measurement = kept is not null
                ? await RunOnKeptStackAsync(run, slot, scenarioDirectory, runDirectory, kept, progress, stop)
                : await steps.RunAsync(run, Plan(run, slot, scenarioDirectory, runDirectory, $"pair-{slot.Pair}-{slot.RoleName}"), progress, stop);
        }
        catch (RunFailedException ex)
        {
            throw new RunFailedException(ex.Phase, $"{slot.Label}: {ex.Message}", ex);
        }
        catch (ScenarioException ex)
        {
            throw new RunFailedException(RunPhase.ReadingScenario, $"{slot.Label}: the scenario file is invalid: {ex.Message}", ex);
        }

        var repetition = new Repetition
        {
            Pair = slot.Pair,
            Role = slot.Role,
            Commit = slot.Checkout.Commit,
            Order = slot.Order,
            Summary = measurement.Summary,
            Queries = { measurement.Queries },
            Resources = { measurement.Resources },
            StartedAt = Timestamp.FromDateTimeOffset(measurement.Started),
        };
        if (RepetitionBudget.Fit(repetition) is var halvings and > 0)
        {
            PipelineLog.RepetitionThinned(logger, run.Request.TestId, slot.Label, halvings);
        }

        run.Repetitions.Add(repetition);
        if (slot.Role == RepetitionRole.Test)
        {
            run.LastTest = measurement;
        }

        run.RepetitionLabel = null;
    }

    /// <summary>One side's kept stack: the plan it started with (its ports) and the stack once up.</summary>
    private sealed record KeptStack(MeasurementPlan Plan, IRunningStack? Stack);

    /// <summary>One repetition's place in the run: its pair, its build and whether it ran first in the pair.</summary>
    private sealed record RepetitionSlot(int Pair, int Pairs, RepetitionRole Role, int Order, SourceCheckout Checkout)
    {
        public string RoleName => Role == RepetitionRole.Baseline ? "baseline" : "test";

        public string Label => $"pair {Pair}, {RoleName} {Checkout.Commit[..Math.Min(7, Checkout.Commit.Length)]}";
    }
}
