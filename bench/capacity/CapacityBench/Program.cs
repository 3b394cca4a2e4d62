using System.Globalization;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Search;
using PerfFleet.LoadEngine.Tests.Support;

// Usage: CapacityBench serve <refuse|queue> <limit>
//          serves a loopback target of a known limit, prints "url: <url>", and runs until killed;
//        CapacityBench search <url> <limit> <from> <to> <step> <warmup> [p99] [error-rate-%]
//          runs a capacity search against it and prints each probe, the knee and its error.
if (args.Length >= 3 && args[0] == "serve")
{
    var mode = args[1] == "queue" ? LimitMode.Queue : LimitMode.Refuse;
    await using var target = await LimitedTarget.StartAsync(mode, double.Parse(args[2], CultureInfo.InvariantCulture));
    Console.WriteLine($"url: {target.Url}");

    // The host's console lifetime takes SIGTERM and waits for Main to return, so Main must hear it too.
    var stop = new TaskCompletionSource();
    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stop.TrySetResult());
    await stop.Task;
    return 0;
}

if (args.Length < 7 || args[0] != "search")
{
    Console.Error.WriteLine("usage: CapacityBench serve <refuse|queue> <limit> | search <url> <limit> <from> <to> <step> <warmup> [p99] [error-rate-%]");
    return 2;
}

var limit = Number(args[2]);
var options = new CapacitySearchOptions
{
    Slo = new CapacitySlo(args.Length > 7 ? DurationParser.Parse(args[7]).TotalMilliseconds : 50, (args.Length > 8 ? Number(args[8]) : 1) / 100),
    From = Number(args[3]),
    To = Number(args[4]),
};
var timing = new CapacityStepTiming(DurationParser.Parse(args[5]), DurationParser.Parse(args[6]));
var started = TimeProvider.System.GetTimestamp();
var result = await new CapacitySearchRunner(new LoadRunner()).RunAsync(new LoadPlan { Targets = [args[1]] }, options, timing, new ConsoleSteps(), CancellationToken.None);
var elapsed = TimeProvider.System.GetElapsedTime(started);

Console.WriteLine(Invariant($"step factor: x{options.EffectiveStepFactor:0.###}, tolerance {options.Tolerance * 100:0.#}%, budget {options.MaxSteps} probes, steps {args[6]} warm-up + {args[5]}"));
Console.WriteLine(Invariant($"true limit: {limit:0}/s"));
Console.WriteLine(Invariant($"knee: {(result.Knee is { } k ? k.ToString("0", CultureInfo.InvariantCulture) : "none")}/s ({result.Outcome}: {result.Reason})"));
Console.WriteLine(Invariant($"knee error: {(result.Knee is { } knee ? ((knee / limit) - 1) * 100 : double.NaN):+0.0;-0.0}%"));
Console.WriteLine(Invariant($"probes: {result.Probes.Count}"));
Console.WriteLine(Invariant($"search time: {elapsed.TotalSeconds:0} s"));
return result.Outcome == CapacitySearchOutcome.Bracketed ? 0 : 1;

static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>Prints each probe as it is judged (on the reporting thread, in order).</summary>
internal sealed class ConsoleSteps : IProgress<CapacitySearchStep>
{
    private int _n;

    public void Report(CapacitySearchStep value)
    {
        var p = value.Probe;
        var total = value.Run.Total;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"probe {++_n}: {p.Rate,8:0.0}/s {(p.Passed ? "pass" : "FAIL")}  p99 {p.P99Ms,9:0.00} ms  errors {p.ErrorRate * 100,6:0.00}%  achieved {p.AchievedRate,8:0.0}/s  generator lateness p99 {total.GeneratorLateness.ValueAtPercentile(99)} us  ({p.Reason})"));
    }
}
