namespace PerfFleet.Runs.Queries;

/// <summary>
/// Picks the query_range step from the window: about 120 points (enough samples for the rank
/// test), never below one second (the finest scrape interval that makes sense) nor above a minute.
/// </summary>
public static class QueryStep
{
    public const int TargetPoints = 120;

    public static TimeSpan For(TimeSpan window)
    {
        var seconds = Math.Ceiling(window.TotalSeconds / TargetPoints);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60));
    }
}
