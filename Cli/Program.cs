using PerfFleet.Cli;

return await CliApplication.RunAsync(args, CliEnvironment.ForProcess()).ConfigureAwait(false);
