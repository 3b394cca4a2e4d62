using PerfFleet.Bench.Scheduler;

// Scheduler benchmark: see bench/scheduler/README.md. Arguments are "--name value" pairs.
var options = BenchOptions.Parse(args);
await using var bench = new SchedulerBenchmark(options);
return await bench.RunAsync();
