using System.Collections.Concurrent;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Workers;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// Plays the worker for the paired runs of one repository that someone else schedules (a
/// bisection): each run the leader gives the fixture's worker is answered with interleaved
/// repetitions of its baseline commit and its commit, each at the latency level
/// <c>levelOf(commit)</c>, with a little deterministic noise. The verdicts are the coordinator's.
/// </summary>
public sealed class PairedRunPlayer : IAsyncDisposable
{
    private const int DefaultPairs = 5;

    private readonly ScriptedWorker worker;
    private readonly string repository;
    private readonly Func<string, double> levelOf;
    private readonly Func<string, long> sequenceOf;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <summary>Answers <paramref name="repository"/>'s runs from now on; the commit's first-parent depth the worker reports comes from <paramref name="sequenceOf"/> (none: unknown).</summary>
    public PairedRunPlayer(ScriptedWorker worker, string repository, Func<string, double> levelOf, Func<string, long>? sequenceOf = null)
    {
        this.worker = worker;
        this.repository = repository;
        this.levelOf = levelOf;
        this.sequenceOf = sequenceOf ?? (_ => 0);
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>The runs answered, in order: (commit, baseline commit).</summary>
    public ConcurrentQueue<(string Commit, string BaselineCommit)> Answered { get; } = new();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var start in worker.Held().Where(s => s.Test.Spec.Repository == repository))
            {
                var spec = start.Test.Spec;
                var pairs = spec.Pairs > 0 ? spec.Pairs : DefaultPairs;
                var repetitions = new List<Repetition>();
                for (var pair = 1; pair <= pairs; pair++)
                {
                    repetitions.Add(Measurements.Repetition(pair, RepetitionRole.Baseline, spec.BaselineCommit, order: 0, Noisy(levelOf(spec.BaselineCommit), pair)));
                    repetitions.Add(Measurements.Repetition(pair, RepetitionRole.Test, spec.Commit, order: 1, Noisy(levelOf(spec.Commit), pair + 2)));
                }

                var last = repetitions[^1];
                await worker.FinishAsync(start.Test.Id, new ResultFinal { Status = TestStatus.Completed }, last.Summary, last.Queries, repetitions, sequenceOf(spec.Commit));
                Answered.Enqueue((spec.Commit, spec.BaselineCommit));
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // ±0.5 % around the level, differing between pairs and between the two sides of a pair.
    private static double Noisy(double level, int index) => level * (1 + ((((index * 7) % 5) - 2) * 0.0025));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
