using System.CommandLine;
using System.Globalization;
using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>`workers`: the fleet as the coordinators see it, and who leads.</summary>
public static class WorkersCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var includeStale = new Option<bool>("--all") { Description = "Also workers whose heartbeat is too old" };
        var command = new Command("workers", "List workers: quota used / capacity, last heartbeat, running tests; and the leader") { includeStale };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var response = await connection.Fleet.ListWorkersAsync(new ListWorkersRequest { IncludeStale = context.GetValue(includeStale) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            if (context.Format == OutputFormat.Json)
            {
                context.Json.Write(response);
                return ExitCodes.Ok;
            }

            var now = context.Environment.Time.GetUtcNow();
            var table = Tables.Create("worker", "address", "tests", "rate rps", "cores", "last heartbeat", "alive", "running");
            foreach (var worker in response.Workers)
            {
                var used = worker.Used ?? new Quota();
                var capacity = worker.Capacity ?? new Quota();
                table.AddTextRow(
                    worker.Id,
                    worker.Address,
                    $"{used.ConcurrentTests}/{capacity.ConcurrentTests}",
                    $"{DisplayNames.Number(used.RequestRate)}/{DisplayNames.Number(capacity.RequestRate)}",
                    $"{DisplayNames.Number(used.Cores)}/{DisplayNames.Number(capacity.Cores)}",
                    worker.LastHeartbeat is null ? "never" : DisplayNames.Of(now - worker.LastHeartbeat.ToDateTimeOffset()) + " ago",
                    Alive(worker, now),
                    worker.Running.Count == 0 ? "-" : string.Join(", ", worker.Running.Select(r => $"{r.TestId} ({DisplayNames.Of(r.Progress?.Phase ?? RunPhase.Unspecified)})")));
            }

            context.Console.Write(table);
            foreach (var worker in response.Workers.Where(w => w.UnreachableUntil is not null))
            {
                context.Console.WriteLine($"{worker.Id}: its Start calls did not reach {worker.Address} ({worker.UnreachableStrikes.ToString(CultureInfo.InvariantCulture)} in a row, last: {worker.UnreachableReason}); check its PerfFleet:Worker:AdvertisedAddress");
            }

            context.Console.WriteLine($"leader: {(string.IsNullOrEmpty(response.LeaderAddress) ? "none" : response.LeaderAddress)} (epoch {response.Epoch.ToString(CultureInfo.InvariantCulture)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    // Alive by its heartbeats, but passed over while the coordinators cannot reach it.
    private static string Alive(WorkerInfo worker, DateTimeOffset now) =>
        !worker.Alive ? "no"
        : worker.UnreachableUntil is { } until ? $"unreachable, passed over for {DisplayNames.Of(until.ToDateTimeOffset() - now)}"
        : "yes";
}
