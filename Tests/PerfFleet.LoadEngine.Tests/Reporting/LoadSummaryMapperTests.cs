using PerfFleet.LoadEngine.Histograms;
using PerfFleet.LoadEngine.Reporting;

namespace PerfFleet.LoadEngine.Tests.Reporting;

public sealed class LoadSummaryMapperTests
{
    [Fact]
    public void ToProto_Result_CarriesCountsMapsAndDecodableHistograms()
    {
        var intended = new LatencyHistogram();
        var service = new LatencyHistogram();
        var lateness = new LatencyHistogram();
        for (var i = 1; i <= 1_000; i++)
        {
            intended.Record(i * 10);
            service.Record(i * 5);
            lateness.Record(i);
        }

        var stats = new LoadStatsSummary
        {
            Requests = 1_010,
            Responses = 1_000,
            Errors = 12,
            Late = 3,
            Dropped = 4,
            BytesSent = 100_000,
            BytesReceived = 200_000,
            StatusCodes = new Dictionary<int, long> { [200] = 998, [503] = 2 },
            ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 10, ["http_5xx"] = 2 },
            LatencyIntended = intended,
            LatencyService = service,
            GeneratorLateness = lateness,
            GeneratorLate = 7,
            AchievedRate = 101,
        };
        var start = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var result = new LoadRunResult
        {
            WindowStart = start,
            WindowEnd = start.AddSeconds(10),
            RequestedRate = 100,
            Tag = "api",
            GeneratorLatenessLimit = TimeSpan.FromMilliseconds(0.5),
            GeneratorBehind = true,
            Total = stats,
            ByTarget = new Dictionary<string, LoadStatsSummary> { ["http://127.0.0.1:1"] = stats },
            ByEndpoint = new Dictionary<string, LoadStatsSummary> { ["GET /users/{id}"] = stats },
        };

        var proto = result.ToProto();

        Assert.Equal(start.AddSeconds(10), proto.WindowEnd.ToDateTimeOffset());
        Assert.Equal("api", proto.Tag);
        Assert.Equal(1_010, proto.Total.Requests);
        Assert.Equal(4, proto.Total.Dropped);
        Assert.Equal(2, proto.Total.StatusCodes[503]);
        Assert.Equal(10, proto.Total.ErrorsByKind["timeout"]);
        Assert.Equal(101, proto.ByTarget["http://127.0.0.1:1"].AchievedRate);
        Assert.Equal(1_000, proto.ByEndpoint["GET /users/{id}"].LatencyService.TotalCount);
        Assert.Equal(5.0, proto.Total.LatencyIntended.Percentiles.P50Ms, 2);
        Assert.Equal(10.0, proto.Total.LatencyIntended.Percentiles.MaxMs);
        Assert.Equal(0.99, proto.Total.GeneratorLateness.Percentiles.P99Ms, 2);
        Assert.Equal(7, proto.Total.GeneratorLate);
        Assert.True(proto.GeneratorBehind);
        Assert.Equal(0.5, proto.GeneratorLatenessLimitMs);
        var decoded = LoadSummaryMapper.FromProto(proto.Total.LatencyIntended);
        Assert.Equal(intended.Percentiles(), decoded.Percentiles());
    }
}
