using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Worker.Tests.Pipeline;

/// <summary>
/// Stands in for the load engine (another part): real GET requests to the first target's
/// /api/items at a modest pace, then an idle tail so that Prometheus scrapes the final count
/// before the window ends.
/// </summary>
internal sealed class HttpLoopLoadStep(TimeSpan idleTail) : ILoadStep
{
    public int Sent { get; private set; }

    public Exception? FailWith { get; init; }

    public LoadOverrides? Overrides { get; private set; }

    /// <summary>The load section of each run, as the pipeline handed it over.</summary>
    public List<ScenarioLoad> Loads { get; } = [];

    public async Task<LoadSummary?> RunAsync(ScenarioLoad spec, LoadOverrides overrides, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        Overrides = overrides;
        Loads.Add(spec);
        using var http = new HttpClient { BaseAddress = new Uri(spec.Targets[0]) };
        progress.Report(new RunProgress(RunPhase.WarmingUp, TimeSpan.Zero));
        await SendForAsync(http, spec.Warmup, cancellationToken);
        if (FailWith is not null)
        {
            throw FailWith;
        }

        var start = DateTimeOffset.UtcNow;
        progress.Report(new RunProgress(RunPhase.Measuring, TimeSpan.Zero, RequestedRate: 20));
        var duration = overrides.Duration ?? spec.Duration;
        await SendForAsync(http, duration - idleTail, cancellationToken);
        await Task.Delay(idleTail, cancellationToken);
        return new LoadSummary
        {
            WindowStart = Timestamp.FromDateTimeOffset(start),
            WindowEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            RequestedRate = 20,
            Total = new LoadStats { Requests = Sent },
        };
    }

    private async Task SendForAsync(HttpClient http, TimeSpan length, CancellationToken cancellationToken)
    {
        var end = DateTimeOffset.UtcNow + length;
        while (DateTimeOffset.UtcNow < end)
        {
            using var response = await http.GetAsync(new Uri("api/items", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            Sent++;
            await Task.Delay(50, cancellationToken);
        }
    }
}
