using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Histograms;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Search;

namespace PerfFleet.LoadEngine.Tests.Search;

/// <summary>What one run of the engine says for the search, and how a scenario's section becomes the search's settings.</summary>
public sealed class CapacityMeasureTests
{
    private static readonly LoadPlan Plan = new() { Targets = ["http://127.0.0.1:1"], Rate = 1_000, Connections = 16 };

    [Fact]
    public void Measure_RefusalsAndErrors_CountTogetherAsTheErrorRate()
    {
        var run = Run(requests: 1_000, errors: 30, tooMany: 70, late: 0, serviceMeanMicros: 1_000, intendedP99Micros: 12_000, achieved: 990);

        var measurement = CapacitySearchRunner.Measure(Plan, run);

        Assert.Equal(0.1, measurement.ErrorRate, 6);
        Assert.Equal(12, measurement.P99Ms, 1);
        Assert.Equal(990, measurement.AchievedRate);
        Assert.Null(measurement.ServedRate); // the lanes kept up: the achieved rate says what was served
    }

    [Fact]
    public void Measure_EveryRequestWaitedForAConnection_GivesTheServedRateByLittlesLaw()
    {
        var run = Run(requests: 1_000, errors: 0, tooMany: 0, late: 995, serviceMeanMicros: 20_000, intendedP99Micros: 900_000, achieved: 600);

        var measurement = CapacitySearchRunner.Measure(Plan, run);

        Assert.Equal(16 / 0.020, measurement.ServedRate!.Value, 3); // 16 connections busy, 20 ms each
    }

    [Fact]
    public void Measure_NoRequest_IsAllErrors()
    {
        Assert.Equal(1, CapacitySearchRunner.Measure(Plan, Run(0, 0, 0, 0, 0, 0, 0)).ErrorRate);
    }

    [Fact]
    public void ToOptions_ScenarioSection_BecomesFractionsAndMilliseconds()
    {
        var section = new ScenarioSearch(TimeSpan.FromMilliseconds(50), 1, 100, 20_000, TimeSpan.FromSeconds(5), 2.5, 12);

        var options = section.ToOptions();

        Assert.Equal(new CapacitySlo(50, 0.01), options.Slo);
        Assert.Equal((100.0, 20_000.0, 0.025, 12), (options.From, options.To, options.Tolerance, options.MaxSteps));
        Assert.Equal(new CapacityStepTiming(TimeSpan.FromSeconds(5), CapacityStepTiming.Default.Warmup), section.ToTiming());
        Assert.Null(new ScenarioSearch(null, 0, 1, 2, TimeSpan.FromSeconds(1), 5, 8).ToOptions().Slo.P99Ms);
    }

    private static LoadRunResult Run(long requests, long errors, long tooMany, long late, long serviceMeanMicros, long intendedP99Micros, double achieved)
    {
        var intended = new LatencyHistogram();
        var service = new LatencyHistogram();
        for (var i = 0; i < requests; i++)
        {
            intended.Record(intendedP99Micros);
            service.Record(serviceMeanMicros);
        }

        var total = new LoadStatsSummary
        {
            Requests = requests,
            Responses = requests - errors,
            Errors = errors,
            Late = late,
            StatusCodes = new Dictionary<int, long> { [200] = requests - errors - tooMany, [429] = tooMany },
            ErrorsByKind = new Dictionary<string, long>(),
            LatencyIntended = intended,
            LatencyService = service,
            GeneratorLateness = new LatencyHistogram(),
            AchievedRate = achieved,
        };
        return new LoadRunResult
        {
            WindowStart = DateTimeOffset.UnixEpoch,
            WindowEnd = DateTimeOffset.UnixEpoch.AddSeconds(1),
            Total = total,
            ByTarget = new Dictionary<string, LoadStatsSummary>(),
            ByEndpoint = new Dictionary<string, LoadStatsSummary>(),
        };
    }
}
