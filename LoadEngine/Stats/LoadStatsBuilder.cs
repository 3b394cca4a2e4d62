using PerfFleet.LoadEngine.Histograms;
using PerfFleet.LoadEngine.Reporting;

namespace PerfFleet.LoadEngine.Stats;

/// <summary>Adds up <see cref="StatsRecorder"/> slices into one <see cref="LoadStatsSummary"/>.</summary>
internal sealed class LoadStatsBuilder
{
    public long Requests { get; set; }

    public long Responses { get; set; }

    public long Errors { get; set; }

    public long Late { get; set; }

    public long Dropped { get; set; }

    public long GeneratorLate { get; set; }

    public long BytesSent { get; set; }

    public long BytesReceived { get; set; }

    public SortedDictionary<int, long> StatusCodes { get; } = [];

    public SortedDictionary<string, long> ErrorsByKind { get; } = new(StringComparer.Ordinal);

    public LatencyHistogram Intended { get; } = new();

    public LatencyHistogram Service { get; } = new();

    public LatencyHistogram GeneratorLateness { get; } = new();

    public LoadStatsSummary Build(double windowSeconds) => new()
    {
        Requests = Requests,
        Responses = Responses,
        Errors = Errors,
        Late = Late,
        Dropped = Dropped,
        BytesSent = BytesSent,
        BytesReceived = BytesReceived,
        StatusCodes = StatusCodes,
        ErrorsByKind = ErrorsByKind,
        LatencyIntended = Intended,
        LatencyService = Service,
        GeneratorLateness = GeneratorLateness,
        GeneratorLate = GeneratorLate,
        AchievedRate = windowSeconds > 0 ? Requests / windowSeconds : 0,
    };
}
