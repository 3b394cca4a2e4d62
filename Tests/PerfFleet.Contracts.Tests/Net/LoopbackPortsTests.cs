using System.Net;
using System.Net.Sockets;
using PerfFleet.Common.Net;

namespace PerfFleet.Contracts.Tests.Net;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Allocate_SeveralNames_GivesDistinctBindablePorts()
    {
        var ports = LoopbackPorts.Allocate(["sut", "prometheus", "db"]);

        Assert.Equal(3, ports.Values.Distinct().Count());
        foreach (var port in ports.Values)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
    }

    [Fact]
    public void Next_ManyCallsOneAfterAnother_NeverHandsOutAPortTwice()
    {
        // Each call closes its listener before the next: the kernel may offer the same port again.
        var ports = Enumerable.Range(0, 500).Select(_ => LoopbackPorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public async Task Next_CalledFromManyThreads_NeverHandsOutAPortTwice()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 50).Select(_ => LoopbackPorts.Next()).ToList())));

        var ports = batches.SelectMany(b => b).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
