using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Resources;

/// <summary>
/// Samples a probe at a fixed interval during the measured window and turns the cumulative CPU
/// times into cores used between readings (what a user compares across runs).
/// </summary>
public sealed class ResourceRecorder(IResourceProbe probe, TimeProvider time, TimeSpan interval)
{
    private readonly Dictionary<string, ResourceSeries> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double CpuSeconds, long Timestamp)> _previous = new(StringComparer.Ordinal);

    /// <summary>Why the last failed reading failed, or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Samples until <paramref name="stop"/> is cancelled; then returns the series.</summary>
    public async Task<IReadOnlyList<ResourceSeries>> RecordAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    await SampleOnceAsync(stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed reading (a container restarting, the socket busy) leaves a gap in
                    // the series; it must not fail the run.
                    LastError = ex.Message;
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The window ended: the normal way out of the loop.
        }

        return [.. _series.Values];
    }

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var readings = await probe.ReadAsync(cancellationToken);
        var now = time.GetTimestamp();
        var at = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        foreach (var reading in readings)
        {
            if (!_series.TryGetValue(reading.Name, out var series))
            {
                series = new ResourceSeries { Name = reading.Name };
                _series[reading.Name] = series;
            }

            series.MemoryBytes.Add(new Sample { Time = at, Value = reading.MemoryBytes });
            if (_previous.TryGetValue(reading.Name, out var previous))
            {
                var seconds = time.GetElapsedTime(previous.Timestamp, now).TotalSeconds;
                if (seconds > 0)
                {
                    var cores = Math.Max(0, reading.CpuSeconds - previous.CpuSeconds) / seconds;
                    series.CpuCores.Add(new Sample { Time = at, Value = cores });
                }
            }

            _previous[reading.Name] = (reading.CpuSeconds, now);
        }
    }
}
