using PerfFleet.Cli.Bisect;

namespace PerfFleet.Cli.Tests.Bisect;

public sealed class BisectRangeTests
{
    private static readonly string[] Commits = [.. Enumerable.Range(1, 9).Select(i => $"c{i}")];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    public void Next_AnyFirstBadCommit_IsFoundWithinLog2OfTheCandidates(int firstBad)
    {
        var range = new BisectRange("c0", Commits);
        var budget = range.StepsLeft;
        var measured = 0;
        while (!range.Done)
        {
            var next = range.Next;
            if (int.Parse(next[1..], System.Globalization.CultureInfo.InvariantCulture) >= firstBad)
            {
                range.MarkBad(next);
            }
            else
            {
                range.MarkGood(next);
            }

            measured++;
        }

        Assert.Equal(4, budget);
        Assert.InRange(measured, 3, budget);
        Assert.Equal($"c{firstBad}", range.FirstBad);
        Assert.Equal(firstBad == 1 ? "c0" : $"c{firstBad - 1}", range.LastGood);
    }

    [Fact]
    public void MarkGood_CommitOutsideTheOpenCandidates_Throws()
    {
        var range = new BisectRange("c0", Commits);
        range.MarkBad("c5");

        Assert.Throws<ArgumentException>(() => range.MarkGood("c7"));
        Assert.Throws<ArgumentException>(() => range.MarkGood("c0"));
    }

    [Fact]
    public void Done_OnlyTheBadCommitAfterTheGoodOne_NeedsNoStep()
    {
        var range = new BisectRange("c0", ["c1"]);

        Assert.True(range.Done);
        Assert.Equal(0, range.StepsLeft);
        Assert.Equal("c1", range.FirstBad);
    }
}
