namespace PerfFleet.Bench.Verdicts;

/// <summary>Seeded standard normal noise and unit-variance window series of each <see cref="SeriesKind"/>.</summary>
internal sealed class Noise(int seed)
{
    private const int RateWindow = 10;
    private readonly Random _random = new(seed);

    public double Normal()
    {
        // Box-Muller: two uniform values give one standard normal value.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Uniform(double low, double high) => low + ((high - low) * _random.NextDouble());

    public int Poisson(double mean)
    {
        // Knuth's method is fine for the small means of an error count.
        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }

    /// <summary>A stationary series of mean 0 and variance 1.</summary>
    public double[] Series(SeriesKind kind, int length)
    {
        var values = new double[length];
        switch (kind)
        {
            case SeriesKind.Independent:
                for (var i = 0; i < length; i++)
                {
                    values[i] = Normal();
                }

                break;
            case SeriesKind.Ar080 or SeriesKind.Ar095:
                var phi = kind == SeriesKind.Ar080 ? 0.8 : 0.95;
                var innovation = Math.Sqrt(1 - (phi * phi));
                var previous = Normal();
                for (var i = 0; i < length; i++)
                {
                    previous = (phi * previous) + (innovation * Normal());
                    values[i] = previous;
                }

                break;
            default:
                var seconds = new double[length + RateWindow];
                for (var i = 0; i < seconds.Length; i++)
                {
                    seconds[i] = Normal();
                }

                for (var i = 0; i < length; i++)
                {
                    var sum = 0.0;
                    for (var k = 0; k < RateWindow; k++)
                    {
                        sum += seconds[i + k];
                    }

                    values[i] = sum / Math.Sqrt(RateWindow);
                }

                break;
        }

        return values;
    }
}
