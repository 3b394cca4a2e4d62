namespace PerfFleet.Samples.SampleService.Api;

/// <summary>
/// Artificial latency per endpoint, so that two commits of the sample can differ measurably.
/// Read from SAMPLE_DELAY_MS_ITEMS, SAMPLE_DELAY_MS_ITEM and SAMPLE_DELAY_MS_ORDERS.
/// </summary>
public sealed record SampleDelays(TimeSpan Items, TimeSpan Item, TimeSpan Orders)
{
    public static SampleDelays From(IConfiguration configuration) => new(
        Read(configuration, "SAMPLE_DELAY_MS_ITEMS"),
        Read(configuration, "SAMPLE_DELAY_MS_ITEM"),
        Read(configuration, "SAMPLE_DELAY_MS_ORDERS"));

    private static TimeSpan Read(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        return int.TryParse(text, out var ms) && ms is >= 0 and <= 60_000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidOperationException($"{key} must be a whole number of milliseconds between 0 and 60000, not \"{text}\"");
    }
}
