using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class StepStageTests
{
    private static readonly RateStage[] Steps =
    [
        new(200, TimeSpan.FromSeconds(2), StageShape.Step),
        new(1_000, TimeSpan.FromSeconds(2), StageShape.Step),
        new(200, TimeSpan.FromSeconds(2), StageShape.Step),
    ];

    [Fact]
    public async Task RunAsync_Steps_EachStageSendsItsOwnRateFromItsFirstInstant()
    {
        // One more try when the first run missed, as in RateAccuracyTests: a stall of the shared
        // machine can eat part of a stage. A ramp instead of a step would send 600/s in the middle
        // stage and 600/s in the last, which misses both times.
        var (result, target) = await RunAsync();
        if (!result.Stages.All(HeldItsRate))
        {
            await target.DisposeAsync();
            (result, target) = await RunAsync();
        }

        await using (target)
        {
            Assert.Equal(3, result.Stages.Count);
            for (var i = 0; i < Steps.Length; i++)
            {
                var stage = result.Stages[i];
                Assert.Equal(Steps[i].Rate, stage.RequestedRate, 3);
                Assert.Equal(StageShape.Step, stage.Shape);
                Assert.Equal(TimeSpan.FromSeconds(2 * i), stage.Start);
                Assert.InRange(stage.Stats.Requests + stage.Stats.Dropped, (Steps[i].Rate * 2) - 1, (Steps[i].Rate * 2) + 1);
                Assert.InRange(stage.Stats.AchievedRate, Steps[i].Rate * 0.99, Steps[i].Rate * 1.01);
                Assert.Equal(0, stage.Stats.Errors);
                Assert.True(stage.Stats.LatencyIntended.TotalCount == stage.Stats.Responses, "every answer of the stage is in its latency histogram");
            }

            // The stages partition the window: their requests add up to the total.
            Assert.Equal(result.Total.Requests, result.Stages.Sum(s => s.Stats.Requests));
            Assert.Equal(2_800 / 6.0, result.RequestedRate, 3); // the mean over the window
        }
    }

    private static bool HeldItsRate(LoadStageResult stage) =>
        stage.Stats.AchievedRate >= stage.Rate * 0.99 && stage.Stats.AchievedRate <= stage.Rate * 1.01 && stage.Stats.Dropped == 0;

    private static async Task<(LoadRunResult Result, TestTarget Target)> RunAsync()
    {
        var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Stages = Steps, Warmup = TimeSpan.FromSeconds(1), Connections = 16 };
        return (await new LoadRunner().RunAsync(plan, null, CancellationToken.None), target);
    }
}
