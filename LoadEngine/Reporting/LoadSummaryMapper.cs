using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Histograms;

namespace PerfFleet.LoadEngine.Reporting;

/// <summary>Maps the engine's summary onto the perffleet.v1 results messages.</summary>
public static class LoadSummaryMapper
{
    public static LoadSummary ToProto(this LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = new LoadSummary
        {
            WindowStart = Timestamp.FromDateTimeOffset(result.WindowStart),
            WindowEnd = Timestamp.FromDateTimeOffset(result.WindowEnd),
            RequestedRate = result.RequestedRate,
            Tag = result.Tag ?? string.Empty,
            Total = result.Total.ToProto(),
            GeneratorBehind = result.GeneratorBehind,
            GeneratorLatenessLimitMs = result.GeneratorLatenessLimit.TotalMilliseconds,
            StopReason = result.StopReason ?? string.Empty,
        };
        foreach (var (target, stats) in result.ByTarget)
        {
            summary.ByTarget[target] = stats.ToProto();
        }

        foreach (var (endpoint, stats) in result.ByEndpoint)
        {
            summary.ByEndpoint[endpoint] = stats.ToProto();
        }

        foreach (var stage in result.Stages)
        {
            summary.Stages.Add(new LoadStageStats
            {
                Index = stage.Index,
                Rate = stage.Rate,
                Shape = StageShapeNames.Of(stage.Shape),
                StartSeconds = stage.Start.TotalSeconds,
                RanSeconds = stage.Ran.TotalSeconds,
                RequestedRate = stage.RequestedRate,
                Stats = stage.Stats.ToProto(),
            });
        }

        return summary;
    }

    public static LoadStats ToProto(this LoadStatsSummary stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var proto = new LoadStats
        {
            Requests = stats.Requests,
            Responses = stats.Responses,
            Errors = stats.Errors,
            Late = stats.Late,
            Dropped = stats.Dropped,
            BytesSent = stats.BytesSent,
            BytesReceived = stats.BytesReceived,
            LatencyIntended = stats.LatencyIntended.ToProto(),
            LatencyService = stats.LatencyService.ToProto(),
            AchievedRate = stats.AchievedRate,
            GeneratorLateness = stats.GeneratorLateness.ToProto(),
            GeneratorLate = stats.GeneratorLate,
        };
        proto.StatusCodes.Add(stats.StatusCodes.ToDictionary(p => p.Key, p => p.Value));
        proto.ErrorsByKind.Add(stats.ErrorsByKind.ToDictionary(p => p.Key, p => p.Value));
        return proto;
    }

    public static Histogram ToProto(this LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var p = histogram.Percentiles();
        return new Histogram
        {
            Encoded = ByteString.CopyFrom(HistogramEncoding.Encode(histogram)),
            TotalCount = histogram.TotalCount,
            Percentiles = new LatencyPercentiles { P50Ms = p.P50, P90Ms = p.P90, P99Ms = p.P99, P999Ms = p.P999, MaxMs = p.Max, MeanMs = p.Mean },
        };
    }

    /// <summary>Decodes a histogram from a results message (e.g. to merge several workers' histograms).</summary>
    public static LatencyHistogram FromProto(Histogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return HistogramEncoding.Decode(histogram.Encoded.Span);
    }
}
