using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Load;

/// <summary>
/// Turns a scenario's <c>load</c> section and the test's overrides into the load engine's plan.
/// Header rules, the replay policy and the protocol are the same types on both sides; only the
/// stages are mapped, and the test's overrides applied.
/// </summary>
public static class LoadPlanMapper
{
    /// <param name="spec">The scenario's load; <see cref="ScenarioLoad.Requests"/> is already an absolute path (RunPipeline resolves it in the checkout).</param>
    /// <param name="overrides">The test's rate, duration and tag (LoadTestSpec).</param>
    /// <param name="updatedRate">A rate set by Worker.Update before the load started; wins over both.</param>
    /// <param name="updatedDuration">A measured duration set by Worker.Update before the load started.</param>
    public static LoadPlan ToPlan(ScenarioLoad spec, LoadOverrides overrides, double? updatedRate = null, TimeSpan? updatedDuration = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(overrides);
        var rate = updatedRate ?? overrides.Rate;

        // A constant rate from the test replaces the scenario's stages: that is what "run it at N/s" means.
        var stages = rate is null ? spec.Stages.Select(s => new RateStage(s.Rate, s.For, s.Shape)).ToArray() : [];
        var plan = new LoadPlan
        {
            Targets = spec.Targets,
            Rate = stages.Length > 0 ? null : rate ?? spec.Rate,
            Stages = stages,
            Warmup = spec.Warmup,
            Duration = updatedDuration ?? overrides.Duration ?? spec.Duration,
            Timeout = spec.Timeout,
            HeaderRules = spec.Headers,
            Replay = spec.Replay,
            Payloads = spec.Requests is { } requests ? new PayloadSource.File(requests) : null,
            Tag = overrides.Tag ?? spec.Tag,
            Protocol = spec.Protocol,
            StopWhen = spec.StopWhen,
        };
        if (spec.Connections is { } connections)
        {
            plan = plan with { Connections = connections };
        }

        return spec.MaxInFlight is { } maxInFlight ? plan with { MaxInFlight = maxInFlight } : plan;
    }
}
