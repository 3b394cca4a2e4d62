using System.Diagnostics;

namespace PerfFleet.Testing.Waiting;

/// <summary>Polls a condition of a real system until it holds or a deadline passes.</summary>
public static class Eventually
{
    /// <summary>Returns how long it took; throws <see cref="TimeoutException"/> naming <paramref name="what"/> when it never held.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for: {what}");
            }

            await Task.Delay(20);
        }

        return watch.Elapsed;
    }
}
