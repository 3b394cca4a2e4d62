namespace PerfFleet.Bench.ChangePoints;

/// <summary>
/// Baseline medians as a real history has them: a level times lognormal noise whose spread is
/// drawn once per history (1–3 %, as repeated baselines of one service differ), optionally with
/// one step of <c>stepPercent</c> up or down at <c>stepAt</c>.
/// </summary>
public static class SyntheticHistory
{
    public static double[] Make(Random random, int count, double noiseSigma, int stepAt, double stepPercent)
    {
        var level = 10 + random.NextDouble() * 90;
        var factor = random.Next(2) == 0 ? 1 + stepPercent / 100 : 1 / (1 + stepPercent / 100);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var shifted = i >= stepAt ? level * factor : level;
            values[i] = shifted * Math.Exp(noiseSigma * Gaussian(random));
        }

        return values;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller: one standard normal from two uniforms; 1 - u keeps the log away from 0.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
