using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Pipeline;

/// <summary>Runs a <see cref="ResourceRecorder"/> in the background for the measured window.</summary>
internal sealed class ResourceSampling(IResourceProbe probe, TimeProvider time, TimeSpan interval) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<IReadOnlyList<ResourceSeries>>? _recording;

    public void Start() => _recording ??= new ResourceRecorder(probe, time, interval).RecordAsync(_stop.Token);

    public async Task<IReadOnlyList<ResourceSeries>> StopAsync()
    {
        if (_recording is null)
        {
            return [];
        }

        await _stop.CancelAsync();
        return await _recording;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
