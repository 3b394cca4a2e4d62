using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>Paired runs whose repetitions report queries only, each window a few samples around a chosen value.</summary>
internal static class PairedRuns
{
    private static readonly double[] Spread = [0.99, 1.01, 1.0, 0.98, 1.02];

    /// <summary>A run of pairs (baseline value, test value) of one query per entry of <paramref name="queries"/>.</summary>
    public static RunMeasurements Run(params (string Name, double Threshold, (double Baseline, double Test)[] Pairs)[] queries)
    {
        var repetitions = new List<Repetition>();
        var pairs = queries.Max(q => q.Pairs.Length);
        for (var pair = 0; pair < pairs; pair++)
        {
            repetitions.Add(Repetition(pair + 1, RepetitionRole.Baseline, queries.Where(q => pair < q.Pairs.Length).Select(q => (q.Name, q.Threshold, q.Pairs[pair].Baseline))));
            repetitions.Add(Repetition(pair + 1, RepetitionRole.Test, queries.Where(q => pair < q.Pairs.Length).Select(q => (q.Name, q.Threshold, q.Pairs[pair].Test))));
        }

        return new RunMeasurements("paired-1", "test-commit", [], null, Repetitions: repetitions);
    }

    public static Repetition Repetition(int pair, RepetitionRole role, IEnumerable<(string Name, double Threshold, double Value)> queries)
    {
        var repetition = new Repetition { Pair = pair, Role = role, Commit = role == RepetitionRole.Test ? "test-commit" : "base-commit" };
        foreach (var (name, threshold, value) in queries)
        {
            repetition.Queries.Add(Query(name, threshold, value));
        }

        return repetition;
    }

    /// <summary>Five samples whose median is <paramref name="value"/>.</summary>
    public static QueryResult Query(string name, double threshold, double value)
    {
        var query = new QueryResult { Name = name, Better = Better.Lower, ThresholdPercent = threshold };
        var series = new Series();
        series.Samples.Add(Spread.Select(f => new Sample { Value = value * f }));
        query.Series.Add(series);
        return query;
    }

    /// <summary>Pairs around <paramref name="level"/>: each pair its own machine factor, the test side <paramref name="factor"/> times the baseline, with a little noise.</summary>
    public static (double, double)[] Pairs(int seed, int count, double level, double factor, double noise)
    {
        var random = new Random(seed);
        var normals = SyntheticSamples.Normal(random, count * 3, 0, 1);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var machine = Math.Exp(0.02 * normals[3 * i]);
            return (level * machine * Math.Exp(noise * normals[(3 * i) + 1]), level * machine * factor * Math.Exp(noise * normals[(3 * i) + 2]));
        })];
    }
}
