using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Queries;

/// <summary>Reads the Prometheus HTTP API's JSON envelope (<c>{status, data: {resultType, result}}</c>).</summary>
public static class PrometheusResponseParser
{
    /// <summary>Adds the series of a successful response to <paramref name="result"/>, or returns Prometheus' error message.</summary>
    public static string? Read(JsonDocument document, QueryResult result)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
        {
            return "Prometheus answered with something that is not an API response";
        }

        if (status.GetString() != "success")
        {
            var errorType = root.TryGetProperty("errorType", out var type) ? type.GetString() : "error";
            var error = root.TryGetProperty("error", out var message) ? message.GetString() : "no message";
            return $"{errorType}: {error}";
        }

        var data = root.GetProperty("data");
        var resultType = data.GetProperty("resultType").GetString();
        foreach (var item in data.GetProperty("result").EnumerateArray())
        {
            var series = new Series();
            if (item.TryGetProperty("metric", out var metric))
            {
                foreach (var label in metric.EnumerateObject())
                {
                    series.Labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }

            if (resultType == "matrix")
            {
                foreach (var pair in item.GetProperty("values").EnumerateArray())
                {
                    series.Samples.Add(ReadSample(pair));
                }
            }
            else
            {
                series.Samples.Add(ReadSample(item.GetProperty("value")));
            }

            result.Series.Add(series);
        }

        return null;
    }

    // A sample is [unix seconds (float), "value" (string, may be NaN or +Inf)].
    private static Sample ReadSample(JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var text = pair[1].GetString() ?? "NaN";
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return new Sample { Time = Timestamp.FromDateTimeOffset(time), Value = value };
    }
}
