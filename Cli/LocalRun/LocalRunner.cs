using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Source;

namespace PerfFleet.Cli.LocalRun;

/// <summary>
/// <c>perffleet run</c>: one scenario on this machine without a cluster — the worker's own run
/// pipeline (stack, load, queries) on a copy of the scenario file's directory (what git tracks
/// there, see <see cref="LocalSource"/>), and optionally the coordinator's comparison with an
/// earlier local result.
/// </summary>
public sealed class LocalRunner(string scenarioFile, LocalSource source, string? scenario, double? rate, TimeSpan? duration, string? search = null)
{
    public async Task<TestDetails> RunAsync(IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(scenarioFile);
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var spec = new LoadTestSpec
        {
            Kind = TestKind.Adhoc,
            InlineSpec = text,
            Commit = source.Commit,
            Scenario = scenario ?? OnlyScenario(text),
            Rate = rate ?? 0,
            Duration = duration is { } d ? Duration.FromTimeSpan(d) : null,
            Search = search ?? string.Empty,
        };
        var sink = new CapturingResultSink();
        await using var services = BuildServices(sink);
        var id = "local-" + Guid.NewGuid().ToString("N")[..12];
        var result = await services.GetRequiredService<RunPipeline>().RunAsync(new RunRequest(id, 1, spec, source), progress, cancellationToken);
        var details = new TestDetails
        {
            Test = new LoadTest
            {
                Id = id,
                Spec = spec,
                Status = result.Status,
                StatusReason = result.Reason,
                StartedAt = Timestamp.FromDateTimeOffset(result.StartedAt),
                FinishedAt = Timestamp.FromDateTimeOffset(result.FinishedAt),
            },
            Summary = result.Summary,
        };
        details.Queries.AddRange(result.Queries);
        details.Resources.AddRange(result.Resources);
        return details;
    }

    // The name of the file's only scenario, so that the result says which one ran; empty when
    // the file has several or cannot be read, which the run itself then reports.
    private static string OnlyScenario(string text)
    {
        try
        {
            return ScenarioParser.Parse(text).Select(null).Name;
        }
        catch (ScenarioException)
        {
            return string.Empty;
        }
    }

    /// <summary>Compares a local run with an earlier one, as the coordinator compares a test with its baseline (null: none, for a run's mirrored targets alone).</summary>
    public static Contracts.V1.Comparison Compare(TestDetails current, TestDetails? previous)
    {
        var comparer = new RunComparer(Options.Create(new ComparisonOptions()), TimeProvider.System);
        return comparer.Compare(Measurements(current), previous is null ? null : Measurements(previous));
    }

    private static RunMeasurements Measurements(TestDetails details) =>
        new(details.Test?.Id ?? string.Empty, details.Test?.Spec?.Commit ?? string.Empty, details.Queries, details.Summary, Resources: details.Resources);

    private static ServiceProvider BuildServices(CapturingResultSink sink)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddRunPipeline(configuration);
        services.AddSingleton<ILoadStep, EngineLoadStep>();
        services.AddSingleton<IResultSink>(sink);
        return services.BuildServiceProvider();
    }
}
