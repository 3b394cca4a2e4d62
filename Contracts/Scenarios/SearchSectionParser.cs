using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Reads a scenario's <c>search:</c> section:
/// <c>{slo: {p99: 50ms, error_rate: 1%}, from: 100, to: 20000, step_duration: 10s, tolerance: 5%, max_steps: 8}</c>.
/// </summary>
internal static class SearchSectionParser
{
    private const double MaxRate = 1_000_000;
    private static readonly TimeSpan MaxP99 = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxStep = TimeSpan.FromHours(1);

    public static ScenarioSearch Parse(YamlFieldReader reader, YamlNode node, string field, ScenarioLoad? load)
    {
        // Each probe is a run of the built-in engine: a load generator of the stack's own has no rate to set.
        if (load is null)
        {
            throw reader.Fail(node, field, NeedsLoad);
        }

        return ParseBody(reader, node, field);
    }

    /// <summary>Why a search cannot run on a scenario without a load section.</summary>
    public const string NeedsLoad = "needs a load section: each probe runs its targets and requests at the probe's rate";

    /// <summary>The section's fields, without the check that the scenario has a load (a search given apart from its file).</summary>
    public static ScenarioSearch ParseBody(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "slo", "from", "to", "step_duration", "tolerance", "max_steps");
        var (p99, errorRate) = ParseSlo(reader, reader.Required(map, "slo", field), field + ".slo");
        var fromNode = reader.Required(map, "from", field);
        var from = Rate(reader, fromNode, field + ".from");
        var toNode = reader.Required(map, "to", field);
        var to = Rate(reader, toNode, field + ".to");
        if (to < from)
        {
            throw reader.Fail(toNode, field + ".to", FormattableString.Invariant($"must be at least from ({from}/s), found {to}"));
        }

        var stepNode = YamlFieldReader.Optional(map, "step_duration");
        var step = stepNode is null ? ScenarioSearch.DefaultStepDuration : reader.Duration(stepNode, field + ".step_duration");
        if (step < MinStep || step > MaxStep)
        {
            throw reader.Fail(stepNode!, field + ".step_duration", $"must be at least {DurationParser.Format(MinStep)} and at most {DurationParser.Format(MaxStep)}");
        }

        var toleranceNode = YamlFieldReader.Optional(map, "tolerance");
        var tolerance = toleranceNode is null ? ScenarioSearch.DefaultTolerancePercent : reader.Percentage(toleranceNode, field + ".tolerance");
        if (tolerance is <= 0 or > 50)
        {
            throw reader.Fail(toleranceNode!, field + ".tolerance", "must be more than 0% and at most 50%");
        }

        var stepsNode = YamlFieldReader.Optional(map, "max_steps");
        var maxSteps = stepsNode is null ? ScenarioSearch.DefaultMaxSteps : reader.Int(stepsNode, field + ".max_steps", 1, ScenarioSearch.MaxMaxSteps);
        return new ScenarioSearch(p99, errorRate, from, to, step, tolerance, maxSteps);
    }

    private static (TimeSpan? P99, double? ErrorRate) ParseSlo(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "p99", "error_rate");
        var p99Node = YamlFieldReader.Optional(map, "p99");
        var errorNode = YamlFieldReader.Optional(map, "error_rate");
        if (p99Node is null && errorNode is null)
        {
            throw reader.Fail(map, field, "needs p99 (e.g. 50ms), error_rate (e.g. 1%) or both");
        }

        TimeSpan? p99 = null;
        if (p99Node is not null)
        {
            // The generic "write e.g. 50s" would suggest a p99 a thousand times too lax.
            if (double.TryParse(reader.String(p99Node, field + ".p99"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bare) && bare != 0)
            {
                throw reader.Fail(p99Node, field + ".p99", FormattableString.Invariant($"\"{bare}\" has no unit; write e.g. {bare}ms"));
            }

            p99 = reader.Duration(p99Node, field + ".p99");
            if (p99 <= TimeSpan.Zero || p99 > MaxP99)
            {
                throw reader.Fail(p99Node, field + ".p99", $"must be more than 0 and at most {DurationParser.Format(MaxP99)}");
            }
        }

        double? errorRate = null;
        if (errorNode is not null)
        {
            errorRate = reader.Percentage(errorNode, field + ".error_rate");
            if (errorRate > 100)
            {
                throw reader.Fail(errorNode, field + ".error_rate", "must be from 0% to 100% of the requests");
            }
        }

        return (p99, errorRate);
    }

    private static double Rate(YamlFieldReader reader, YamlNode node, string field)
    {
        var rate = reader.Number(node, field, double.MinValue, double.MaxValue);
        return rate is > 0 and <= MaxRate
            ? rate
            : throw reader.Fail(node, field, FormattableString.Invariant($"must be more than 0 and at most {MaxRate} requests/s, found {rate}"));
    }
}
