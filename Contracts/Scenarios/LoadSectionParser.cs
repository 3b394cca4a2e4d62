using System.Text.RegularExpressions;
using PerfFleet.Contracts.Payloads;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads a scenario's <c>load:</c> section.</summary>
internal static partial class LoadSectionParser
{
    private const double MaxRate = 1_000_000;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(6);

    public static ScenarioLoad Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "targets", "warmup", "duration", "rate", "stages", "requests", "replay", "timeout",
            "headers", "tag", "connections", "max_in_flight", "protocol", "stop_when", "compare_targets");

        var targetsNode = reader.Required(map, "targets", field);
        var targets = reader.StringList(targetsNode, field + ".targets");
        if (targets.Count == 0)
        {
            throw reader.Fail(targetsNode, field + ".targets", "lists no target URL");
        }

        var targetItems = ((YamlSequenceNode)targetsNode).Children;
        for (var i = 0; i < targetItems.Count; i++)
        {
            UrlValidation.Http(reader, targetItems[i], $"{field}.targets[{i}]");
        }

        var warmup = OptionalDuration(reader, map, "warmup", field, TimeSpan.Zero);
        var rateNode = YamlFieldReader.Optional(map, "rate");
        var stagesNode = YamlFieldReader.Optional(map, "stages");
        if ((rateNode is null) == (stagesNode is null))
        {
            throw reader.Fail(map, field, "needs exactly one of \"rate\" (requests per second) or \"stages\" ([{rate, for}])");
        }

        double? rate = rateNode is null ? null : Rate(reader, rateNode, field + ".rate");
        var stages = stagesNode is null ? [] : ParseStages(reader, stagesNode, field + ".stages");
        var durationNode = YamlFieldReader.Optional(map, "duration");
        TimeSpan duration;
        if (durationNode is not null)
        {
            duration = reader.Duration(durationNode, field + ".duration");
            if (duration <= TimeSpan.Zero || duration > MaxWindow)
            {
                throw reader.Fail(durationNode, field + ".duration", $"must be more than 0 and at most {DurationParser.Format(MaxWindow)}");
            }
        }
        else if (stages.Count > 0)
        {
            duration = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.For);
        }
        else
        {
            throw reader.Fail(map, field + ".duration", "is required with \"rate\" (the length of the measured window, e.g. 60s)");
        }

        var requestsNode = YamlFieldReader.Optional(map, "requests");
        var requests = requestsNode is null ? null : Requests(reader, requestsNode, field + ".requests");
        var replayNode = YamlFieldReader.Optional(map, "replay");
        var replay = replayNode is null ? ReplayPolicy.Loop : ParseReplay(reader, replayNode, field + ".replay");
        var timeout = OptionalDuration(reader, map, "timeout", field, ScenarioLoad.DefaultTimeout);
        if (timeout <= TimeSpan.Zero)
        {
            throw reader.Fail(map, field + ".timeout", "must be more than 0");
        }

        var headersNode = YamlFieldReader.Optional(map, "headers");
        var headers = headersNode is null ? [] : HeaderRulesParser.Parse(reader, headersNode, field + ".headers");
        var tagNode = YamlFieldReader.Optional(map, "tag");
        var tag = tagNode is null ? null : Tag(reader, tagNode, field + ".tag");
        var connectionsNode = YamlFieldReader.Optional(map, "connections");
        int? connections = connectionsNode is null ? null : reader.Int(connectionsNode, field + ".connections", 1, 10_000);
        var inFlightNode = YamlFieldReader.Optional(map, "max_in_flight");
        int? maxInFlight = inFlightNode is null ? null : reader.Int(inFlightNode, field + ".max_in_flight", 1, 1_000_000);
        var protocolNode = YamlFieldReader.Optional(map, "protocol");
        var protocol = protocolNode is null ? LoadProtocol.Http1 : Protocol(reader, protocolNode, field + ".protocol");
        var stopNode = YamlFieldReader.Optional(map, "stop_when");
        var stopWhen = stopNode is null ? null : StopWhenSectionParser.Parse(reader, stopNode, field + ".stop_when");
        var compareNode = YamlFieldReader.Optional(map, "compare_targets");
        var compareTargets = compareNode is not null && reader.Bool(compareNode, field + ".compare_targets");
        if (compareTargets && targets.Count < 2)
        {
            throw reader.Fail(compareNode!, field + ".compare_targets", "needs at least two targets: the later ones are judged against the first, which receives the same requests at the same time");
        }

        return new ScenarioLoad(targets, warmup, duration, rate, stages, requests, replay, timeout, headers, tag, connections, maxInFlight, protocol)
        {
            StopWhen = stopWhen,
            CompareTargets = compareTargets,
        };
    }

    /// <summary>
    /// A rate or a stage's rate: more than 0, as the load engine needs (stages ramp linearly from
    /// one rate to the next, and a run paused at zero would have no next arrival to wait for).
    /// </summary>
    private static double Rate(YamlFieldReader reader, YamlNode node, string field)
    {
        var rate = reader.Number(node, field, double.MinValue, double.MaxValue);
        if (rate <= 0)
        {
            throw reader.Fail(node, field, "must be more than 0 requests per second");
        }

        return rate > MaxRate ? throw reader.Fail(node, field, $"must be at most {MaxRate} requests per second") : rate;
    }

    private static List<LoadStage> ParseStages(YamlFieldReader reader, YamlNode node, string field)
    {
        var sequence = reader.Sequence(node, field);
        if (sequence.Children.Count == 0)
        {
            throw reader.Fail(node, field, "lists no stage");
        }

        var stages = new List<LoadStage>();
        var total = TimeSpan.Zero;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            var item = reader.Mapping(sequence.Children[i], itemField);
            reader.AllowOnly(item, itemField, "rate", "for", "shape");
            var rate = Rate(reader, reader.Required(item, "rate", itemField), itemField + ".rate");
            var forNode = reader.Required(item, "for", itemField);
            var length = reader.Duration(forNode, itemField + ".for");
            if (length <= TimeSpan.Zero)
            {
                throw reader.Fail(forNode, itemField + ".for", "must be more than 0");
            }

            total += length;
            if (total > MaxWindow)
            {
                throw reader.Fail(forNode, itemField + ".for", $"the stages last more than {DurationParser.Format(MaxWindow)}");
            }

            var shapeNode = YamlFieldReader.Optional(item, "shape");
            var shape = shapeNode is null ? StageShape.Ramp : Shape(reader, shapeNode, itemField + ".shape");
            stages.Add(new LoadStage(rate, length, shape));
        }

        return stages;
    }

    private static StageShape Shape(YamlFieldReader reader, YamlNode node, string field)
    {
        var name = reader.String(node, field);
        return StageShapeNames.Parse(name)
            ?? throw reader.Fail(node, field, $"\"{name}\" is not a stage shape; use {StageShapeNames.Ramp} (the default) or {StageShapeNames.Step}");
    }

    private static ReplayPolicy ParseReplay(YamlFieldReader reader, YamlNode node, string field)
    {
        if (node is YamlMappingNode map)
        {
            reader.AllowOnly(map, field, "times");
            return ReplayPolicy.Repeat(reader.Int(reader.Required(map, "times", field), field + ".times", 1, 1_000_000));
        }

        return reader.String(node, field) switch
        {
            "loop" => ReplayPolicy.Loop,
            "once" => ReplayPolicy.Once,
            var other => throw reader.Fail(node, field, $"\"{other}\" is not a replay mode; use loop, once or {{times: N}}"),
        };
    }

    private static LoadProtocol Protocol(YamlFieldReader reader, YamlNode node, string field) => reader.String(node, field) switch
    {
        "http1" => LoadProtocol.Http1,
        "http2" => LoadProtocol.Http2,
        "grpc" => LoadProtocol.Grpc,
        var other => throw reader.Fail(node, field, $"\"{other}\" is not a protocol; use http1, http2 or grpc"),
    };

    private static string Tag(YamlFieldReader reader, YamlNode node, string field)
    {
        var tag = reader.NonEmptyString(node, field);
        return TagPattern().IsMatch(tag) ? tag : throw reader.Fail(node, field, "a tag uses letters, digits, '.', '_' and '-' (at most 63)");
    }

    private static TimeSpan OptionalDuration(YamlFieldReader reader, YamlMappingNode map, string key, string field, TimeSpan fallback)
    {
        var node = YamlFieldReader.Optional(map, key);
        if (node is null)
        {
            return fallback;
        }

        var value = reader.Duration(node, field + "." + key);
        return value > MaxWindow ? throw reader.Fail(node, field + "." + key, $"must be at most {DurationParser.Format(MaxWindow)}") : value;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex TagPattern();

    /// <summary>A path inside the checkout, or <c>payload://name[@sha256:hex]</c> from the payload store (normalised).</summary>
    private static string Requests(YamlFieldReader reader, YamlNode node, string field)
    {
        var value = reader.NonEmptyString(node, field);
        if (!PayloadReference.IsPayload(value))
        {
            return StackSectionParser.RelativePath(reader, node, field);
        }

        try
        {
            return PayloadReference.Parse(value).ToString();
        }
        catch (FormatException ex)
        {
            throw reader.Fail(node, field, ex.Message);
        }
    }
}
