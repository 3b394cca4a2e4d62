using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Scheduling;

namespace PerfFleet.LoadEngine.Tests.Scheduling;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void TimeOf_ConstantRate_EvenlySpaced()
    {
        var schedule = ArrivalSchedule.Constant(1000);

        Assert.Equal(0, schedule.TimeOf(0));
        Assert.Equal(0.001, schedule.TimeOf(1), 9);
        Assert.Equal(10, schedule.TimeOf(10_000), 9);
        Assert.Equal(10_000, schedule.SlotsBefore(10), 6);
    }

    [Fact]
    public void FromStages_Ramp_CountsTheAreaUnderTheRate()
    {
        // 2 s warm-up at 100/s, 10 s at 100/s, then a ramp from 100 to 300/s over 10 s.
        var schedule = ArrivalSchedule.FromStages(TimeSpan.FromSeconds(2), [new RateStage(100, TimeSpan.FromSeconds(10)), new RateStage(300, TimeSpan.FromSeconds(10))]);

        Assert.Equal(1_200, schedule.SlotsBefore(12), 6);
        Assert.Equal(1_200 + 2_000, schedule.SlotsBefore(22), 6);
        Assert.Equal(200, schedule.RateAt(17), 6);
        Assert.Equal(17, schedule.TimeOf((long)schedule.SlotsBefore(17)), 3);
        Assert.Equal(23, schedule.TimeOf(3_200 + 300), 6); // past the last stage the rate holds
    }

    [Fact]
    public void FromStages_Step_JumpsToItsRateAndHoldsIt()
    {
        // 1 s warm-up at 100/s, 10 s at 100/s, a step to 500/s for 10 s, a ramp back to 100/s over 10 s.
        var schedule = ArrivalSchedule.FromStages(TimeSpan.FromSeconds(1), [
            new RateStage(100, TimeSpan.FromSeconds(10), StageShape.Step),
            new RateStage(500, TimeSpan.FromSeconds(10), StageShape.Step),
            new RateStage(100, TimeSpan.FromSeconds(10)),
        ]);

        Assert.Equal(100, schedule.RateAt(10.999), 6);
        Assert.Equal(500, schedule.RateAt(11), 6); // no ramp: the full rate from the stage's first instant
        Assert.Equal(500, schedule.RateAt(20.999), 6);
        Assert.Equal(1_100 + 5_000, schedule.SlotsBefore(21), 6);
        Assert.Equal(11.002, schedule.TimeOf(1_101), 9); // 2 ms apart at 500/s right after the step
        Assert.Equal(300, schedule.RateAt(26), 6); // the ramp after a step starts at the step's rate
        Assert.Equal(1_100 + 5_000 + 3_000, schedule.SlotsBefore(31), 6);
    }

    [Fact]
    public void SetRate_KeepsSlotsAlreadyDueAndRetimesTheRest()
    {
        var schedule = ArrivalSchedule.Constant(100);
        var before = schedule.TimeOf(150);

        schedule.SetRate(1000, nowSeconds: 2);

        Assert.Equal(before, schedule.TimeOf(150), 9);
        Assert.Equal(2.0, schedule.TimeOf(200), 6);
        Assert.Equal(3.0, schedule.TimeOf(1_200), 6);
        Assert.Equal(1000, schedule.RateAt(2.5));
    }
}
