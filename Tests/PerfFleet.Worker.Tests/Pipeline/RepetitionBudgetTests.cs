using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Worker.Tests.Pipeline;

public sealed class RepetitionBudgetTests
{
    [Fact]
    public void Fit_TooBig_HalvesEverySeriesUntilItFitsAndKeepsTheWholeWindow()
    {
        var repetition = Repetition(samples: 10_000);
        var before = repetition.CalculateSize();

        var halvings = RepetitionBudget.Fit(repetition, maxBytes: before / 3);

        Assert.Equal(2, halvings);
        Assert.True(repetition.CalculateSize() <= before / 3);
        var cpu = Assert.Single(repetition.Resources).CpuCores;
        Assert.Equal(2_500, cpu.Count);
        Assert.Equal(0, cpu[0].Value);
        Assert.Equal(9_996, cpu[^1].Value); // still near the end of the window
        Assert.Equal(2_500, repetition.Queries[0].Series[0].Samples.Count);
    }

    [Fact]
    public void Fit_WithinBudget_LeavesItAlone()
    {
        var repetition = Repetition(samples: 100);
        var copy = repetition.Clone();

        Assert.Equal(0, RepetitionBudget.Fit(repetition));
        Assert.Equal(copy, repetition);
    }

    private static Repetition Repetition(int samples)
    {
        var start = DateTimeOffset.UnixEpoch;
        var series = Enumerable.Range(0, samples).Select(i => new Sample { Time = Timestamp.FromDateTimeOffset(start.AddSeconds(i)), Value = i }).ToList();
        return new Repetition
        {
            Pair = 1,
            Role = RepetitionRole.Test,
            Queries = { new QueryResult { Name = "q", Series = { new Series { Samples = { series } } } } },
            Resources = { new ResourceSeries { Name = "sut", CpuCores = { series }, MemoryBytes = { series } } },
        };
    }
}
