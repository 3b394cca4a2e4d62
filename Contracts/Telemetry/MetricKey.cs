namespace PerfFleet.Contracts.Telemetry;

/// <summary>
/// One time series of an instrument: its label set in a canonical (sorted) order, so that the
/// same tags given in any order aggregate into the same series.
/// </summary>
internal readonly record struct MetricKey(string Labels)
{
    public static MetricKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return new MetricKey(string.Empty);
        }

        var pairs = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(new(PrometheusNames.Label(tag.Key), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new MetricKey(string.Join(',', pairs.Select(p => $"{p.Key}=\"{PrometheusNames.EscapeLabelValue(p.Value)}\"")));
    }
}
