using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Hosting;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Links to a run's web page, for API answers, GitHub statuses and comments.</summary>
public sealed class RunLinks(IOptions<CoordinatorOptions> options)
{
    private readonly string baseUrl = (options.Value.PublicUrl ?? $"http://127.0.0.1:{options.Value.WebPort}").TrimEnd('/');

    public string BaseUrl => baseUrl;

    public string Run(Guid id) => $"{baseUrl}/runs/{id}";
}
