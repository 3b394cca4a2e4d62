using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>The real reporting registrations, pointed at the recording GitHub server, with manual time.</summary>
internal static class ReportingTestServices
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Create(RecordingGitHubServer gitHub, IDictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PerfFleet:Repositories:0:Name"] = "octo/app",
            ["PerfFleet:Repositories:0:WebhookSecret"] = "s",
            ["PerfFleet:GitHub:ApiBaseUrl"] = gitHub.BaseUrl.ToString(),
            ["PerfFleet:GitHub:Token"] = "global-token",
            ["PerfFleet:GitHub:MaxRetryDelay"] = "00:00:03",
            ["PerfFleet:Reporting:AlertWebhookUrl"] = new Uri(gitHub.BaseUrl, RecordingGitHubServer.AlertPath.TrimStart('/')).ToString(),
            ["PerfFleet:Outbox:RetryBaseDelay"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(Start));
        services.AddPerfFleetWebhooks();
        services.AddPerfFleetReporting(runOutboxProcessor: false);
        services.AddSingleton<IWebhookTestSink, Webhooks.InMemoryWebhookTestSink>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
