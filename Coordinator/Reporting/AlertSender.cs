using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Posts alert payloads to the generic JSON webhook (<c>PerfFleet:Reporting:AlertWebhookUrl</c>).</summary>
public sealed class AlertSender(HttpClient httpClient, IOptions<ReportingOptions> options, ILogger<AlertSender> logger)
{
    /// <exception cref="HttpRequestException">The receiver did not answer 2xx: the outbox retries.</exception>
    public async Task SendAsync(AlertPayload alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (options.Value.AlertWebhookUrl is not { } url)
        {
            // The URL was removed after the alert was queued: nothing to send it to.
            ReportingLog.AlertNotConfigured(logger, alert.Repository, alert.Scenario);
            return;
        }

        using var response = await httpClient.PostAsJsonAsync(url, alert, ReportJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
