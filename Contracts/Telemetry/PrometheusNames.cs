using System.Text;

namespace PerfFleet.Contracts.Telemetry;

/// <summary>
/// Maps OpenTelemetry-style instrument names (<c>perffleet.scheduler.dispatches</c>) and units
/// onto Prometheus metric names (<c>perffleet_scheduler_dispatches_total</c>) as the
/// exposition format requires: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.
/// </summary>
public static class PrometheusNames
{
    public static string Metric(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string Label(string key) => Sanitize(key, allowColon: false);

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
             .Replace("\"", "\\\"", StringComparison.Ordinal)
             .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string raw, bool allowColon)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            sb.Append(ok ? c : '_');
        }

        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }
}
