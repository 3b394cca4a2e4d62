using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>Checks a <see cref="LoadPlan"/> before any connection is opened, naming the wrong field.</summary>
internal static class LoadPlanValidator
{
    public static void Validate(LoadPlan plan)
    {
        ValidateTargets(plan.Targets);
        ValidateRate(plan);
        if (plan.Warmup < TimeSpan.Zero)
        {
            throw new LoadPlanException("warmup", "must not be negative");
        }

        if (plan.Stages.Count == 0 && plan.Duration <= TimeSpan.Zero)
        {
            throw new LoadPlanException("duration", "must be greater than zero");
        }

        if (plan.StopWhen is { } stop && (!(stop.ErrorRatePercent is > 0 and <= 100) || stop.Window <= TimeSpan.Zero || stop.MinRequests < 1))
        {
            throw new LoadPlanException("stopWhen", "needs an error rate above 0% and at most 100%, a window above 0 and at least 1 request");
        }

        if (plan.Connections < 1)
        {
            throw new LoadPlanException("connections", $"must be at least 1, got {plan.Connections}");
        }

        if (plan.MaxInFlight < 1)
        {
            throw new LoadPlanException("maxInFlight", $"must be at least 1, got {plan.MaxInFlight}");
        }

        if (plan.Timeout <= TimeSpan.Zero)
        {
            throw new LoadPlanException("timeout", "must be greater than zero");
        }

        if (plan.LateTolerance < TimeSpan.Zero)
        {
            throw new LoadPlanException("lateTolerance", "must not be negative");
        }

        if (plan.GeneratorLatenessLimit <= TimeSpan.Zero)
        {
            throw new LoadPlanException("generatorLatenessLimit", "must be greater than zero");
        }

        if (plan.Replay.Kind == ReplayKind.Times && plan.Replay.Times < 1)
        {
            throw new LoadPlanException("replay", $"times must be at least 1, got {plan.Replay.Times}");
        }

        for (var i = 0; i < plan.HeaderRules.Count; i++)
        {
            plan.HeaderRules[i].Compile($"headers[{i}].match");
        }
    }

    private static void ValidateTargets(IReadOnlyList<string>? targets)
    {
        if (targets is null || targets.Count == 0)
        {
            throw new LoadPlanException("targets", "at least one target URL is required");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            if (!Uri.TryCreate(targets[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new LoadPlanException($"targets[{i}]", $"\"{targets[i]}\" is not an absolute http:// or https:// URL");
            }
        }

        if (targets.Distinct(StringComparer.OrdinalIgnoreCase).Count() != targets.Count)
        {
            throw new LoadPlanException("targets", "the same target is listed twice");
        }
    }

    private static void ValidateRate(LoadPlan plan)
    {
        if (plan.ClosedLoop)
        {
            if (plan.Rate is not null || plan.Stages.Count > 0)
            {
                throw new LoadPlanException("rate", "a closed-loop plan sends as fast as it can: give no rate or stages");
            }

            return;
        }

        if (plan.Rate is not null && plan.Stages.Count > 0)
        {
            throw new LoadPlanException("rate", "give either a rate or stages, not both");
        }

        if (plan.Stages.Count == 0)
        {
            if (plan.Rate is not { } rate || !double.IsFinite(rate) || rate <= 0)
            {
                throw new LoadPlanException("rate", $"must be greater than zero requests/s, got {plan.Rate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }

            return;
        }

        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            if (!double.IsFinite(stage.Rate) || stage.Rate <= 0)
            {
                throw new LoadPlanException($"stages[{i}].rate", $"must be greater than zero requests/s, got {stage.Rate}");
            }

            if (stage.For <= TimeSpan.Zero)
            {
                throw new LoadPlanException($"stages[{i}].for", "must be greater than zero");
            }
        }
    }
}
