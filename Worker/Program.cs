using PerfFleet.Worker.Hosting;

// Configuration: PerfFleet:Worker (WorkerOptions) and PerfFleet:Security:FleetToken, from
// appsettings, PerfFleet__* environment variables or --PerfFleet:Worker:... arguments.
var app = WorkerHost.Build(args);
await app.RunAsync();
