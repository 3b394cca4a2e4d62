using System.Globalization;
using PerfFleet.SimulatedWorker;

// A simulated PerfFleet worker (or several in one process, --workers N): the real Worker gRPC
// service, heartbeats and result reports, with a timer in place of a load test. Used by the
// coordinator's multi-process tests and bench/scheduler. Prints "READY <id> <address>" per worker.
var options = SimulatedWorkerOptions.Parse(args);
using var connections = new CoordinatorConnections(options);
var hosts = new List<SimulatedWorkerHost>();
for (var i = 0; i < options.Workers; i++)
{
    var id = options.Workers == 1 ? options.Name : string.Create(CultureInfo.InvariantCulture, $"{options.Name}-{i}");
    var host = await SimulatedWorkerHost.StartAsync(id, options, connections);
    hosts.Add(host);
    Console.WriteLine($"READY {id} {host.State.Address}");
}

using var shutdown = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    shutdown.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => shutdown.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
    // Asked to stop.
}

foreach (var host in hosts)
{
    await host.DisposeAsync();
}
