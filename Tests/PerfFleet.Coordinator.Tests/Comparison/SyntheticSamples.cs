namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>Seeded normally distributed samples, so every run of the tests sees the same numbers.</summary>
internal static class SyntheticSamples
{
    public static double[] Normal(Random random, int count, double mean, double standardDeviation)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: two uniform values give one standard normal value.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var standard = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            values[i] = mean + (standardDeviation * standard);
        }

        return values;
    }
}
