using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Cli.Output;
using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.Contracts.V1;
using PerfFleet.EmbeddedPostgres;
using Spectre.Console;
using PerfFleet.Common.Net;

namespace PerfFleet.Cli.Demo;

/// <summary>
/// The whole flow a new user sees, on this machine: an embedded PostgreSQL, two coordinators and
/// two workers as separate processes, a git repository of the sample service with two commits,
/// a signed push webhook (baseline) and pull_request webhook (test), and the comparison that
/// shows the regression. Everything it starts is stopped at the end unless asked to keep it.
/// </summary>
public sealed class DemoRunner(IAnsiConsole console, DemoLayout layout)
{
    public const string RepositoryName = "demo/sample-service";
    public const string Scenario = "api";
    // A pull request's run and its confirmation, each of interleaved pairs, are waited for together.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);

    private readonly List<DemoProcess> processes = [];

    /// <summary>Runs the demo; 0 when the regression was found, 1 when the flow ran but did not show it.</summary>
    public async Task<int> RunAsync(bool keep, CancellationToken cancellationToken)
    {
        layout.Check();
        Step("Preparing " + Path.GetRelativePath(layout.RepositoryRoot, layout.StateDirectory));
        var binaries = PostgresBinaries.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var postgresRoot = layout.PostgresDirectory;
        if (Directory.Exists(Path.Combine(postgresRoot, "cluster")))
        {
            await EmbeddedPostgresServer.StopStaleServerAsync(Path.Combine(postgresRoot, "cluster"), binaries, "postgres", NullLogger.Instance, cancellationToken);
        }

        foreach (var directory in new[] { layout.StateDirectory, postgresRoot })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        Step($"Starting the embedded PostgreSQL {binaries.MajorVersion}");
        await using var postgres = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresSettings { RootDirectory = postgresRoot, Binaries = binaries },
            NullLogger.Instance,
            cancellationToken);
        await PostgresDatabases.EnsureExistsAsync(postgres.GetConnectionString(), "perffleet", cancellationToken);
        var cluster = new DemoCluster(postgres.GetConnectionString("perffleet"));
        try
        {
            return await RunFlowAsync(cluster, keep, cancellationToken);
        }
        finally
        {
            Step("Shutting down the workers, the coordinators and PostgreSQL");
            foreach (var process in Enumerable.Reverse(processes))
            {
                await process.DisposeAsync();
            }
        }
    }

    private async Task<int> RunFlowAsync(DemoCluster cluster, bool keep, CancellationToken cancellationToken)
    {
        Step("Starting two coordinators");
        for (var i = 1; i <= 2; i++)
        {
            var coordinator = cluster.AddCoordinator(LoopbackPorts.Next(), LoopbackPorts.Next());
            processes.Add(DemoProcess.Start($"coordinator-{i}", layout.CoordinatorDll, coordinator.Environment(cluster), layout.LogDirectory));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var coordinator in cluster.Coordinators)
        {
            await WaitAsync($"coordinator {coordinator.WebUrl} to be ready", TimeSpan.FromMinutes(3), async () =>
                (await http.GetAsync(new Uri(coordinator.WebUrl, "/readyz"), cancellationToken)).IsSuccessStatusCode, cancellationToken);
        }

        using var channel = GrpcChannel.ForAddress(cluster.Coordinators[0].GrpcUrl);
        var admin = new Metadata { { "authorization", "Bearer " + cluster.AdminToken } };
        var fleet = new Fleet.FleetClient(channel);
        var tests = new LoadTests.LoadTestsClient(channel);

        Step("Starting two workers");
        for (var i = 1; i <= 2; i++)
        {
            var worker = cluster.AddWorker($"demo-worker-{i}", LoopbackPorts.Next(), Path.Combine(layout.StateDirectory, $"worker-{i}"));
            processes.Add(DemoProcess.Start($"worker-{i}", layout.WorkerDll, worker.Environment(cluster), layout.LogDirectory));
        }

        await WaitAsync("both workers to join", TimeSpan.FromMinutes(2), async () =>
            (await fleet.ListWorkersAsync(new ListWorkersRequest(), admin, cancellationToken: cancellationToken)).Workers.Count(w => w.Alive) == 2, cancellationToken);

        Step("Creating a git repository of the sample service with two commits (the second makes GET /api/items slower)");
        var repository = new DemoRepository(Path.Combine(layout.StateDirectory, "sample-service"));
        var (baseline, slower) = await repository.CreateAsync(layout, cancellationToken);
        Info($"master {baseline[..7]}, {DemoRepository.PullRequestBranch} {slower[..7]} in {Path.GetRelativePath(layout.RepositoryRoot, repository.Directory)}");

        Step($"Registering {RepositoryName} (scenario '{Scenario}')");
        var registration = new RepositoryRegistration { Name = RepositoryName, CloneUrl = repository.CloneUrl, DefaultBranch = DemoRepository.Branch, WebhookSecret = cluster.WebhookSecret };
        registration.Scenarios.Add(Scenario);
        await new Repositories.RepositoriesClient(channel).RegisterAsync(registration, admin, cancellationToken: cancellationToken);

        var webhooks = new DemoWebhooks(http, cluster.Coordinators[1].WebUrl, RepositoryName, repository.CloneUrl, cluster.WebhookSecret);
        Step($"Sending the signed push webhook for {baseline[..7]} to coordinator 2: a baseline run");
        await webhooks.PushAsync(baseline, cancellationToken);
        var baselineRun = await WaitForRunAsync(tests, admin, baseline, cancellationToken);

        Step($"Sending the pull_request webhook for {slower[..7]} (PR #1): its merge base and its head measured in interleaved pairs on one worker");
        await webhooks.PullRequestOpenedAsync(1, slower, baseline, cancellationToken);
        var testRun = await WaitForRunAsync(tests, admin, slower, cancellationToken);

        var details = await tests.GetAsync(new GetTestRequest { Id = testRun.Id }, admin, cancellationToken: cancellationToken);
        Step("The comparison of PR #1 with the master baseline");
        TestDetailsRenderer.Write(console, details);
        Info($"Baseline run: {baselineRun.WebUrl}");
        Info($"Test run:     {testRun.WebUrl}");
        var found = details.Comparison?.Verdict == Verdict.Regression;
        console.MarkupLine(found
            ? "[bold red]Regression detected[/] — as the second commit intended."
            : $"[bold yellow]No regression was found[/] (verdict {details.Comparison?.Verdict}); see the logs in {Markup.Escape(layout.LogDirectory)}");

        if (keep)
        {
            Step("Keeping everything running (--keep); press Ctrl+C to stop");
            Info($"Web UI:         {cluster.Coordinators[0].WebUrl}");
            Info($"CLI:            export PERFFLEET_COORDINATOR={cluster.Coordinators[0].GrpcUrl} PERFFLEET_TOKEN={cluster.AdminToken}");
            Info($"Webhook secret: {cluster.WebhookSecret}");
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return found ? 0 : 1;
    }

    private async Task<LoadTest> WaitForRunAsync(LoadTests.LoadTestsClient tests, Metadata admin, string commit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        var lastLine = string.Empty;
        var lastFollowUp = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var list = await tests.ListAsync(new ListTestsRequest { Repository = RepositoryName, Commit = commit }, admin, cancellationToken: cancellationToken);
            if (list.Tests.FirstOrDefault() is { } test)
            {
                var line = $"{test.Status.ToString().ToLowerInvariant()}"
                    + (test.AssignedWorker.Length > 0 ? $" on {test.AssignedWorker}" : string.Empty)
                    + (test.Progress?.Phase is { } phase and not RunPhase.Unspecified ? $", {phase.ToString().ToLowerInvariant()}" : string.Empty)
                    + (test.Progress?.AchievedRate > 0 ? string.Create(CultureInfo.InvariantCulture, $", {test.Progress.AchievedRate:0} req/s") : string.Empty);
                if (line != lastLine)
                {
                    Info(line);
                    lastLine = line;
                }

                if (test.FollowUpOf.Length > 0 && test.Id != lastFollowUp)
                {
                    lastFollowUp = test.Id;
                    Info(test.FollowUp == FollowUpKind.Confirmation
                        ? "a regression was found: a fresh run confirms it before the check fails"
                        : $"the first pairs were not enough to decide: {test.Spec.Pairs} more pairs");
                }

                switch (test.Status)
                {
                    // A follow-up (more pairs, a confirmation) is created in the transaction that
                    // completes its test, so a completed newest run of the commit is the final one.
                    case TestStatus.Completed:
                        return test;
                    case TestStatus.Failed or TestStatus.Stopped:
                        throw new DemoException($"the run of {commit[..7]} ended {test.Status.ToString().ToLowerInvariant()}: {test.StatusReason} (logs in {layout.LogDirectory})");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new DemoException($"the run of {commit[..7]} did not finish within {RunTimeout.TotalMinutes} minutes (logs in {layout.LogDirectory})");
    }

    /// <summary>The end of a log, for an error that must say why a process died even after its directory is gone.</summary>
    private static string LastLines(string path)
    {
        try
        {
            return string.Join('\n', File.ReadLines(path).TakeLast(15));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(the log could not be read: " + e.Message + ")";
        }
    }

    private async Task WaitAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var process in processes.Where(p => p.HasExited))
            {
                throw new DemoException($"{process.Name} exited while waiting for {what}; see {process.LogPath}; it ended with:\n{LastLines(process.LogPath)}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or RpcException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new DemoException($"timed out waiting for {what}" + (last is null ? string.Empty : $" (last error: {last.Message})"));
    }

    private void Step(string text) => console.MarkupLine($"[bold blue]==>[/] {Markup.Escape(text)}");

    private void Info(string text) => console.MarkupLine($"    {Markup.Escape(text)}");
}
