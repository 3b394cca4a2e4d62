namespace PerfFleet.Bench.ChangePoints;

/// <summary>The Wilson score interval of a proportion at 95 %: sound near 0 % and 100 %, where the normal one is not.</summary>
public static class Wilson
{
    private const double Z = 1.959964;

    public static (double Low, double High) Interval(int successes, int trials)
    {
        var p = (double)successes / trials;
        var denominator = 1 + Z * Z / trials;
        var centre = (p + Z * Z / (2 * trials)) / denominator;
        var half = Z * Math.Sqrt(p * (1 - p) / trials + Z * Z / (4.0 * trials * trials)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
