using Microsoft.Extensions.Time.Testing;

namespace PerfFleet.Testing.Waiting;

/// <summary>Drives code that waits on a <see cref="FakeTimeProvider"/> (a retry's backoff) to its end.</summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> while <paramref name="task"/> runs
    /// (a few real milliseconds apart, so it reaches its next wait) and returns how far the clock
    /// moved: never less than the waits the task made, a little more when real work took real
    /// time. Throws <see cref="TimeoutException"/> past <paramref name="limit"/> of fake time.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            if (advanced >= limit)
            {
                throw new TimeoutException($"still running after the clock moved {advanced}");
            }

            await Task.Delay(5);
            if (!task.IsCompleted)
            {
                time.Advance(step);
                advanced += step;
            }
        }

        await task;
        return advanced;
    }
}
