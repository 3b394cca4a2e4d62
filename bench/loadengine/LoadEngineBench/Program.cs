using System.Diagnostics;
using System.Globalization;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.Contracts.Scenarios;

// Usage: LoadEngineBench <url> <connections> <duration> <rate|max> [warmup] [http1|http2] [in-flight]
// Prints wrk-style lines so run.sh reads every tool's figures the same way. HTTP/2 multiplexes
// <in-flight> streams (default: one per connection) over the connections, as h2load's -c and -m.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: LoadEngineBench <url> <connections> <duration> <rate|max> [warmup] [http1|http2] [in-flight]");
    return 2;
}

var closedLoop = args[3] == "max";
var connections = int.Parse(args[1], CultureInfo.InvariantCulture);
var plan = new LoadPlan
{
    Targets = [args[0]],
    Connections = connections,
    MaxInFlight = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : connections,
    Protocol = args.Length > 5 && args[5] == "http2" ? LoadProtocol.Http2 : LoadProtocol.Http1,
    Duration = DurationParser.Parse(args[2]),
    Warmup = args.Length > 4 ? DurationParser.Parse(args[4]) : TimeSpan.FromSeconds(2),
    ClosedLoop = closedLoop,
    Rate = closedLoop ? null : double.Parse(args[3], CultureInfo.InvariantCulture),
};

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var window = (result.WindowEnd - result.WindowStart).TotalSeconds + plan.Warmup.TotalSeconds;
var intended = result.Total.LatencyIntended.Percentiles();
var service = result.Total.LatencyService.Percentiles();
var lateness = result.Total.GeneratorLateness;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Requests/sec: {result.Total.AchievedRate:F0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Requests: {result.Total.Requests} errors: {result.Total.Errors} late: {result.Total.Late} dropped: {result.Total.Dropped}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Latency intended p50/p99/max ms: {intended.P50:F3} {intended.P99:F3} {intended.Max:F3}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Latency service p50/p99/max ms: {service.P50:F3} {service.P99:F3} {service.Max:F3}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generator lateness p50/p99/max us: {lateness.ValueAtPercentile(50)} {lateness.ValueAtPercentile(99)} {lateness.Max} (behind: {(result.GeneratorBehind ? "yes" : "no")}, generator-late: {result.Total.GeneratorLate})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generator CPU: {cpu.TotalSeconds / window * 100:F0}% of one core"));
return result.Total.Errors > 0 ? 1 : 0;
