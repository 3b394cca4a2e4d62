using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads <c>load.stop_when</c>: <c>{error_rate: 5%, window: 10s, min_requests: 100}</c>.</summary>
internal static class StopWhenSectionParser
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);

    public static ErrorRateStop Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "error_rate", "window", "min_requests");
        var rateNode = reader.Required(map, "error_rate", field);
        var rate = reader.Percentage(rateNode, field + ".error_rate");
        if (rate is <= 0 or > 100)
        {
            throw reader.Fail(rateNode, field + ".error_rate", "must be more than 0% and at most 100% of the requests");
        }

        var windowNode = YamlFieldReader.Optional(map, "window");
        var window = windowNode is null ? ErrorRateStop.DefaultWindow : reader.Duration(windowNode, field + ".window");
        if (window < TimeSpan.FromSeconds(1) || window > MaxWindow)
        {
            throw reader.Fail(windowNode!, field + ".window", $"must be at least 1s and at most {DurationParser.Format(MaxWindow)}");
        }

        var minNode = YamlFieldReader.Optional(map, "min_requests");
        var min = minNode is null ? ErrorRateStop.DefaultMinRequests : reader.Int(minNode, field + ".min_requests", 1, 100_000_000);
        return new ErrorRateStop(rate, window, min);
    }
}
