using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.Worker.Pipeline;
using EnginePlans = PerfFleet.LoadEngine.Plans;
using ScenarioFile = PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Worker.Load;

/// <summary>
/// Turns a scenario's <c>load</c> section and the test's overrides into the load engine's plan. The
/// scenario parser and the engine each have their own header-rule, protocol and replay types:
/// they are mapped field by field here, so a change to one side fails to compile instead of
/// silently meaning something else.
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
        var stages = rate is null ? spec.Stages.Select(s => new RateStage(s.Rate, s.For)).ToArray() : [];
        var plan = new LoadPlan
        {
            Targets = spec.Targets,
            Rate = stages.Length > 0 ? null : rate ?? spec.Rate,
            Stages = stages,
            Warmup = spec.Warmup,
            Duration = updatedDuration ?? overrides.Duration ?? spec.Duration,
            Timeout = spec.Timeout,
            HeaderRules = [.. spec.Headers.Select(ToEngine)],
            Replay = ToEngine(spec.Replay),
            Payloads = spec.Requests is { } requests ? new PayloadSource.File(requests) : null,
            Tag = overrides.Tag ?? spec.Tag,
            Protocol = ToEngine(spec.Protocol),
        };
        if (spec.Connections is { } connections)
        {
            plan = plan with { Connections = connections };
        }

        return spec.MaxInFlight is { } maxInFlight ? plan with { MaxInFlight = maxInFlight } : plan;
    }

    public static EnginePlans.HeaderRule ToEngine(ScenarioFile.HeaderRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new EnginePlans.HeaderRule(rule.Match, rule.Set, rule.Remove);
    }

    public static ReplayMode ToEngine(ReplayPolicy replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return replay.Kind switch
        {
            ScenarioFile.ReplayKind.Loop => ReplayMode.Loop,
            ScenarioFile.ReplayKind.Times when replay.Times == 1 => ReplayMode.Once,
            ScenarioFile.ReplayKind.Times => ReplayMode.Times(replay.Times),
            _ => throw new ArgumentOutOfRangeException(nameof(replay), replay.Kind, "unknown replay kind"),
        };
    }

    public static EnginePlans.LoadProtocol ToEngine(ScenarioFile.LoadProtocol protocol) => protocol switch
    {
        ScenarioFile.LoadProtocol.Http1 => EnginePlans.LoadProtocol.Http1,
        ScenarioFile.LoadProtocol.Http2 => EnginePlans.LoadProtocol.Http2,
        ScenarioFile.LoadProtocol.Grpc => EnginePlans.LoadProtocol.Grpc,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown load protocol"),
    };
}
