using PerfFleet.Cli.LocalRun;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Cli.Tests.LocalRun;

public sealed class RunProgressTextTests
{
    private static readonly LoadWindow Window = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(RunPhase.StartingStack, "starting stack")]
    [InlineData(RunPhase.FetchingSource, "fetching source")]
    [InlineData(RunPhase.TearingDown, "tearing down")]
    public void Of_OtherPhases_AreWords(RunPhase phase, string expected)
    {
        Assert.Equal(expected, RunProgressText.Of(new RunProgress(phase, TimeSpan.FromSeconds(3)), Window));
    }

    [Fact]
    public void Of_Measuring_SaysWhereInTheWindowWithRateAndCounts()
    {
        var progress = new RunProgress(RunPhase.Measuring, TimeSpan.FromSeconds(22), 59.8, 60, 1320, 2);

        Assert.Equal("measuring 12s of 1m00s, 59.8 rps of 60, 1320 requests, 2 errors", RunProgressText.Of(progress, Window));
        Assert.Equal(0.2, RunProgressText.WindowFraction(progress, Window)!.Value, 3);
    }

    [Fact]
    public void Of_WarmingUp_CountsTheWarmUp()
    {
        var progress = new RunProgress(RunPhase.WarmingUp, TimeSpan.FromSeconds(4), 60, 60, 240, 0);

        Assert.Equal("warming up 4s of 10s, 60 rps of 60, 240 requests, 0 errors", RunProgressText.Of(progress, Window));
        Assert.Null(RunProgressText.WindowFraction(progress, Window));
    }

    [Fact]
    public void PlainRunProgress_Searching_PrintsALinePerProbeWithItsRate()
    {
        using var writer = new StringWriter();
        var plain = new PlainRunProgress(writer, window: null, searching: true);

        plain.Report(new RunProgress(RunPhase.Measuring, TimeSpan.Zero, RequestedRate: 200));
        plain.Report(new RunProgress(RunPhase.Measuring, TimeSpan.FromSeconds(3), 199.5, 200, 600, 0));
        plain.Report(new RunProgress(RunPhase.Measuring, TimeSpan.FromSeconds(6), 480, 493.24, 1440, 2));
        plain.Report(new RunProgress(RunPhase.Querying, TimeSpan.FromSeconds(7)));

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["measuring", "probe 1 at 200/s: 199.5 rps achieved, 600 requests, 0 errors", "probe 2 at 493.24/s: 480 rps achieved, 1440 requests, 2 errors", "querying"],
            lines);
    }

    [Fact]
    public void PlainRunProgress_PrintsEachPhaseOnceInWordsThenALineEveryTenSecondsOfLoad()
    {
        using var writer = new StringWriter();
        var plain = new PlainRunProgress(writer, Window);

        plain.Report(new RunProgress(RunPhase.StartingStack, TimeSpan.FromSeconds(1)));
        plain.Report(new RunProgress(RunPhase.StartingStack, TimeSpan.FromSeconds(2)));
        plain.Report(new RunProgress(RunPhase.WarmingUp, TimeSpan.Zero));
        plain.Report(new RunProgress(RunPhase.Measuring, TimeSpan.FromSeconds(10), 60, 60, 600, 0));
        for (var second = 11; second <= 31; second++)
        {
            plain.Report(new RunProgress(RunPhase.Measuring, TimeSpan.FromSeconds(second), 60, 60, second * 60, 0));
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["starting stack", "warming up", "measuring", "measuring 10s of 1m00s, 60 rps of 60, 1200 requests, 0 errors", "measuring 20s of 1m00s, 60 rps of 60, 1800 requests, 0 errors"],
            lines);
    }
}
