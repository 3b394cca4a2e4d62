using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Service;

/// <summary>Arithmetic on <see cref="Quota"/> values (rates and cores are doubles: compared with a tolerance).</summary>
public static class QuotaMath
{
    private const double Tolerance = 1e-6;

    public static Quota Sum(IEnumerable<Quota> quotas)
    {
        var sum = new Quota();
        foreach (var quota in quotas)
        {
            sum.ConcurrentTests += quota.ConcurrentTests;
            sum.RequestRate += quota.RequestRate;
            sum.Cores += quota.Cores;
        }

        return sum;
    }

    public static Quota Minus(Quota a, Quota b) => new()
    {
        ConcurrentTests = a.ConcurrentTests - b.ConcurrentTests,
        RequestRate = a.RequestRate - b.RequestRate,
        Cores = a.Cores - b.Cores,
    };

    public static bool SameAs(Quota a, Quota b) =>
        a.ConcurrentTests == b.ConcurrentTests && Math.Abs(a.RequestRate - b.RequestRate) < Tolerance && Math.Abs(a.Cores - b.Cores) < Tolerance;

    /// <summary>Whether <paramref name="required"/> fits in <paramref name="free"/>; null, or the first dimension that does not fit.</summary>
    public static string? FirstShortfall(Quota required, Quota free)
    {
        if (required.ConcurrentTests > free.ConcurrentTests)
        {
            return $"concurrent tests: {required.ConcurrentTests} needed, {free.ConcurrentTests} free";
        }

        if (required.RequestRate > free.RequestRate + Tolerance)
        {
            return $"request rate: {required.RequestRate:0.##}/s needed, {Math.Max(0, free.RequestRate):0.##}/s free";
        }

        return required.Cores > free.Cores + Tolerance ? $"cores: {required.Cores:0.##} needed, {Math.Max(0, free.Cores):0.##} free" : null;
    }
}
