using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads a scenario's <c>repeat:</c> section: <c>{pairs, duration, warmup, stack}</c>, every part optional.</summary>
internal static class RepeatSectionParser
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(6);

    public static ScenarioRepeat Parse(YamlFieldReader reader, YamlNode node, string field, ScenarioLoad? load)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "pairs", "duration", "warmup", "stack");
        var pairsNode = YamlFieldReader.Optional(map, "pairs");
        int? pairs = pairsNode is null ? null : reader.Int(pairsNode, field + ".pairs", 1, ScenarioRepeat.MaxPairs);

        var durationNode = YamlFieldReader.Optional(map, "duration");
        TimeSpan? duration = null;
        if (durationNode is not null)
        {
            RequireEngineLoad(reader, durationNode, field + ".duration", load);
            duration = reader.Duration(durationNode, field + ".duration");
            if (duration <= TimeSpan.Zero || duration > MaxWindow)
            {
                throw reader.Fail(durationNode, field + ".duration", $"must be more than 0 and at most {DurationParser.Format(MaxWindow)}");
            }

            // A staged load's window is the sum of its stages: a shorter one would cut the last stages off.
            if (load is { Stages.Count: > 0 })
            {
                throw reader.Fail(durationNode, field + ".duration", "a staged load's window is its stages' total; shorten the stages instead, or leave repeat.duration out");
            }
        }

        var warmupNode = YamlFieldReader.Optional(map, "warmup");
        TimeSpan? warmup = null;
        if (warmupNode is not null)
        {
            RequireEngineLoad(reader, warmupNode, field + ".warmup", load);
            warmup = reader.Duration(warmupNode, field + ".warmup");
            if (warmup < TimeSpan.Zero || warmup > MaxWindow)
            {
                throw reader.Fail(warmupNode, field + ".warmup", $"must be 0 to {DurationParser.Format(MaxWindow)}");
            }
        }

        var keepStacks = false;
        if (YamlFieldReader.Optional(map, "stack") is { } stackNode)
        {
            keepStacks = reader.String(stackNode, field + ".stack") switch
            {
                "fresh" => false,
                "kept" => true,
                var other => throw reader.Fail(stackNode, field + ".stack", $"\"{other}\" is not a choice; use fresh (a new stack for every repetition) or kept (one stack a side for the whole run)"),
            };
        }

        return new ScenarioRepeat(pairs, duration, warmup, keepStacks);
    }

    /// <summary>A load generator's window is until its service exits: there is no length or warm-up to set.</summary>
    private static void RequireEngineLoad(YamlFieldReader reader, YamlNode node, string field, ScenarioLoad? load)
    {
        if (load is null)
        {
            throw reader.Fail(node, field, "needs a load section: with stack.load_generator the window lasts until that service exits");
        }
    }
}
