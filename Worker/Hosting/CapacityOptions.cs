using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Hosting;

/// <summary>What this worker offers the fleet (<c>PerfFleet:Worker:Capacity</c>).</summary>
public sealed class CapacityOptions
{
    public int ConcurrentTests { get; set; } = 1;

    /// <summary>Total requests per second the load engine may drive, over all running tests.</summary>
    public double RequestRate { get; set; } = 20_000;

    /// <summary>Cores offered; default (null): the machine's processor count.</summary>
    public double? Cores { get; set; }

    public Quota ToQuota() => new() { ConcurrentTests = ConcurrentTests, RequestRate = RequestRate, Cores = Cores ?? Environment.ProcessorCount };
}
